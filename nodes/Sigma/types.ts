import type {
	IExecuteFunctions,
	ILoadOptionsFunctions,
	INodeExecutionData,
	INodeListSearchResult,
	INodeProperties,
	INodePropertyOptions,
} from 'n8n-workflow';

/**
 * One operation of one resource: its parameters (already limited by displayOptions to that
 * resource and operation) and how it runs. `execute` receives every input item at once, so
 * operations can batch (one PATCH for many team members) and validate before writing.
 */
export interface OperationModule {
	description: INodeProperties[];
	execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]>;
}

export type ListSearchMethod = (
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
) => Promise<INodeListSearchResult>;

export type LoadOptionsMethod = (this: ILoadOptionsFunctions) => Promise<INodePropertyOptions[]>;

export interface ResourceModule {
	/** The `operation` selector for this resource followed by every operation's parameters. */
	properties: INodeProperties[];
	operations: Record<string, OperationModule>;
	listSearch?: Record<string, ListSearchMethod>;
	loadOptions?: Record<string, LoadOptionsMethod>;
}
