// Read by soakScale() in helpers.ts; an explicit SIGMA_SOAK_SCALE wins.
process.env.SIGMA_SOAK_SCALE ??= '5';
