import { Logger } from '@n8n/backend-common';
import { Container } from '@n8n/di';
import { ExecuteContext, LoadOptionsContext, PollContext } from 'n8n-core';
import type {
	IDataObject,
	INode,
	INodeCredentials,
	INodeExecutionData,
	INodeListSearchResult,
	INodeParameters,
	INodePropertyOptions,
	INodeType,
	INodeTypes,
	IWorkflowExecuteAdditionalData,
	WorkflowExecuteMode,
} from 'n8n-workflow';
import { createRunExecutionData, Workflow } from 'n8n-workflow';

import type { CredentialStore } from './credentialStore';

/** Every line our code logs through `this.logger`, so tests can read (and grep) them. */
export const logLines: Array<{ level: string; message: string; metadata?: unknown }> = [];

const captureLogger = {
	error: (message: string, metadata?: unknown) =>
		logLines.push({ level: 'error', message, metadata }),
	warn: (message: string, metadata?: unknown) =>
		logLines.push({ level: 'warn', message, metadata }),
	info: (message: string, metadata?: unknown) =>
		logLines.push({ level: 'info', message, metadata }),
	debug: (message: string, metadata?: unknown) =>
		logLines.push({ level: 'debug', message, metadata }),
	scoped: () => captureLogger,
};
Container.set(Logger, captureLogger as unknown as Logger);

export interface NodeRun {
	parameters: INodeParameters;
	credentials?: INodeCredentials;
	/** Input items (plain JSON objects are wrapped as `{ json }`); one empty item by default. */
	items?: Array<IDataObject | INodeExecutionData>;
	continueOnFail?: boolean;
	mode?: WorkflowExecuteMode;
	staticData?: IDataObject;
	typeVersion?: number;
}

/**
 * Runs our node classes through n8n-core's own execution contexts: parameters and expressions are
 * resolved by n8n, and every request goes through n8n's httpRequestWithAuthentication, which calls
 * the credential store's preAuthentication and retries once after a 401, as a real n8n does.
 */
export class N8nRuntime {
	constructor(private readonly credentials: CredentialStore) {}

	async execute(nodeType: INodeType, run: NodeRun): Promise<INodeExecutionData[][]> {
		const { workflow, node } = this.workflow(nodeType, run);
		const items = (run.items ?? [{}]).map(toItem);
		const context = new ExecuteContext(
			workflow,
			node,
			this.additionalData(),
			run.mode ?? 'manual',
			createRunExecutionData(),
			0,
			items,
			{ main: [items] },
			{ node, data: { main: [items] }, source: null },
			[],
		);
		const output = await nodeType.execute!.call(context);
		return output as INodeExecutionData[][];
	}

	/** Runs one poll; the returned `staticData` is the node's workflow static data afterwards. */
	async poll(nodeType: INodeType, run: NodeRun & { staticData: IDataObject }) {
		const { workflow, node } = this.workflow(nodeType, run);
		const context = new PollContext(
			workflow,
			node,
			this.additionalData(),
			run.mode ?? 'trigger',
			'activate',
		);
		const output = await nodeType.poll!.call(context);
		return { output, staticData: workflow.staticData };
	}

	async loadOptions(
		nodeType: INodeType,
		method: string,
		run: NodeRun,
	): Promise<INodePropertyOptions[]> {
		const { workflow, node } = this.workflow(nodeType, run);
		const context = new LoadOptionsContext(workflow, node, this.additionalData(), '');
		return await nodeType.methods!.loadOptions![method].call(context);
	}

	async listSearch(
		nodeType: INodeType,
		method: string,
		run: NodeRun & { filter?: string; paginationToken?: string },
	): Promise<INodeListSearchResult> {
		const { workflow, node } = this.workflow(nodeType, run);
		const context = new LoadOptionsContext(workflow, node, this.additionalData(), '');
		return await nodeType.methods!.listSearch![method].call(
			context,
			run.filter,
			run.paginationToken,
		);
	}

	private workflow(nodeType: INodeType, run: NodeRun) {
		const description = nodeType.description;
		const node: INode = {
			id: 'node-under-test',
			name: description.defaults.name ?? description.displayName,
			type: description.name,
			typeVersion: run.typeVersion ?? latestVersion(description.version),
			position: [0, 0],
			parameters: run.parameters,
			credentials: run.credentials,
			continueOnFail: run.continueOnFail,
		};
		const nodeTypes: INodeTypes = {
			getByName: () => nodeType,
			getByNameAndVersion: () => nodeType,
			getKnownTypes: () => ({}),
		};
		const workflow = new Workflow({
			id: 'workflow-under-test',
			name: 'Test workflow',
			nodes: [node],
			connections: {},
			active: false,
			nodeTypes,
			staticData: run.staticData,
			settings: {},
		});
		return { workflow, node: workflow.getNode(node.name)! };
	}

	private additionalData(): IWorkflowExecuteAdditionalData {
		return {
			credentialsHelper: this.credentials,
			currentNodeExecutionIndex: 0,
			restApiUrl: '',
			instanceBaseUrl: '',
			formBaseUrl: '',
			// n8n builds $execution.resumeUrl from these as URLs on every parameter read.
			formWaitingBaseUrl: 'http://localhost:5678/form-waiting',
			formTestBaseUrl: '',
			webhookBaseUrl: '',
			webhookWaitingBaseUrl: 'http://localhost:5678/webhook-waiting',
			webhookTestBaseUrl: '',
			mcpBaseUrl: '',
			mcpTestBaseUrl: '',
			variables: {},
			executionId: 'test-execution',
		} as unknown as IWorkflowExecuteAdditionalData;
	}
}

function toItem(item: IDataObject | INodeExecutionData): INodeExecutionData {
	return 'json' in item && typeof item.json === 'object'
		? (item as INodeExecutionData)
		: { json: item };
}

function latestVersion(version: number | number[]): number {
	return Array.isArray(version) ? Math.max(...version) : version;
}
