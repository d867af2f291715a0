import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { SIGMA_API_CREDENTIAL, SIGMA_SCIM_CREDENTIAL } from './n8n';
import { repoRoot } from './processes';

export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

export interface WorkflowNode {
	id: string;
	name: string;
	type: string;
	typeVersion: number;
	position: [number, number];
	parameters: Record<string, Json>;
	credentials?: Record<string, { id: string; name: string }>;
	webhookId?: string;
}

export type Connections = Record<
	string,
	{ main: Array<Array<{ node: string; type: 'main'; index: number }>> }
>;

/** A workflow as n8n exports and imports it. */
export interface WorkflowJson {
	/** n8n saves static data only for IDs of at most 21 characters. */
	id: string;
	name: string;
	active: boolean;
	nodes: WorkflowNode[];
	connections: Connections;
	settings: Record<string, Json>;
	pinData?: Record<string, Json>;
	meta?: Record<string, Json>;
	tags?: Json[];
}

export const SIGMA_NODE = 'n8n-nodes-sigma-computing.sigma';
export const SIGMA_TRIGGER_NODE = 'n8n-nodes-sigma-computing.sigmaTrigger';

let nodeCount = 0;

/** A stable, valid node ID (n8n wants a UUID-shaped one). */
function nodeId(): string {
	nodeCount++;
	return `00000000-0000-4000-8000-${String(nodeCount).padStart(12, '0')}`;
}

export function manualTrigger(name = 'Start'): WorkflowNode {
	return {
		id: nodeId(),
		name,
		type: 'n8n-nodes-base.manualTrigger',
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
	};
}

/** A Sigma node; SCIM resources get the SCIM credential, the others the REST one. */
export function sigma(name: string, parameters: Record<string, Json>): WorkflowNode {
	const scim = String(parameters.resource).startsWith('scim');
	return {
		id: nodeId(),
		name,
		type: SIGMA_NODE,
		typeVersion: 1,
		position: [0, 0],
		parameters,
		credentials: scim
			? { sigmaScimApi: SIGMA_SCIM_CREDENTIAL }
			: { sigmaApi: SIGMA_API_CREDENTIAL },
	};
}

/** A resource locator value, as the editor saves it. */
export function locator(mode: string, value: string): Json {
	return { __rl: true, mode, value };
}

/** A workflow whose nodes run one after the other, laid out left to right. */
export function chain(id: string, name: string, nodes: WorkflowNode[]): WorkflowJson {
	const connections: Connections = {};
	nodes.forEach((node, index) => {
		node.position = [index * 240, 0];
		const next = nodes[index + 1];
		if (next) connections[node.name] = { main: [[{ node: next.name, type: 'main', index: 0 }]] };
	});
	return {
		id,
		name,
		active: false,
		nodes,
		connections,
		settings: { executionOrder: 'v1' },
	};
}

/** One of the importable workflows in examples/, by file name. */
export function loadExample(file: string): WorkflowJson {
	return JSON.parse(readFileSync(join(repoRoot(), 'examples', file), 'utf8')) as WorkflowJson;
}

export function findNode(workflow: WorkflowJson, name: string): WorkflowNode {
	const node = workflow.nodes.find((candidate) => candidate.name === name);
	if (!node) throw new Error(`Workflow "${workflow.name}" has no node "${name}"`);
	return node;
}
