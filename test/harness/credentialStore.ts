import type {
	ICredentialDataDecryptedObject,
	ICredentials,
	ICredentialType,
	IHttpRequestHelper,
	IHttpRequestOptions,
	INode,
	INodeCredentialsDetails,
	INodeProperties,
	IRequestOptionsSimplified,
	Workflow,
} from 'n8n-workflow';
import { ICredentialsHelper, isExpression } from 'n8n-workflow';

/**
 * An in-memory stand-in for n8n's database-backed CredentialsHelper (packages/cli). It follows the
 * CLI's rules where they matter to us: preAuthentication runs when the expirable field is empty or
 * after a 401, its output is persisted and reused by later executions, and generic `authenticate`
 * properties are resolved as expressions against the credential data.
 */
export class CredentialStore extends ICredentialsHelper {
	readonly preAuthentications: Array<{ type: string; expired: boolean }> = [];

	private readonly types = new Map<string, ICredentialType>();

	private readonly records = new Map<
		string,
		{ type: string; data: ICredentialDataDecryptedObject }
	>();

	constructor(types: ICredentialType[]) {
		super();
		for (const type of types) this.types.set(type.name, type);
	}

	add(type: string, data: ICredentialDataDecryptedObject, id = `${type}-${this.records.size + 1}`) {
		this.records.set(id, { type, data: { ...data } });
		return { id, name: `${type} ${id}` };
	}

	stored(id: string): ICredentialDataDecryptedObject {
		const record = this.records.get(id);
		if (!record) throw new Error(`No credential ${id}`);
		return { ...record.data };
	}

	/** Overwrites stored fields, as a person editing the credential in n8n would. */
	edit(id: string, data: ICredentialDataDecryptedObject) {
		const record = this.records.get(id);
		if (!record) throw new Error(`No credential ${id}`);
		Object.assign(record.data, data);
	}

	getParentTypes(): string[] {
		return [];
	}

	isCredentialUsableByNode(): boolean {
		return true;
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		requestOptions: IHttpRequestOptions | IRequestOptionsSimplified,
		workflow?: Workflow,
		node?: INode,
	): Promise<IHttpRequestOptions> {
		const { authenticate } = this.type(typeName);
		if (typeof authenticate === 'function') {
			return await authenticate(credentials, requestOptions as IHttpRequestOptions);
		}
		if (authenticate?.type !== 'generic') return requestOptions as IHttpRequestOptions;
		if (!workflow || !node) throw new Error('authenticate needs the workflow and node');

		const options = requestOptions as unknown as Record<string, Record<string, unknown>>;
		for (const [outerKey, entries] of Object.entries(authenticate.properties)) {
			options[outerKey] ??= {};
			for (const [key, value] of Object.entries(entries as Record<string, string>)) {
				options[outerKey][key] = this.resolve(value, credentials, workflow, node);
			}
		}
		return requestOptions as IHttpRequestOptions;
	}

	async preAuthentication(
		helpers: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		node: INode,
		credentialsExpired: boolean,
	): Promise<ICredentialDataDecryptedObject | undefined> {
		const type = this.type(typeName);
		const expirable = type.properties.find(
			(property) => property.type === 'hidden' && property.typeOptions?.expirable === true,
		);
		if (!expirable || typeof type.preAuthentication !== 'function') return undefined;
		if (credentials[expirable.name] !== '' && !credentialsExpired) return undefined;

		this.preAuthentications.push({ type: typeName, expired: credentialsExpired });
		const output = await type.preAuthentication.call(helpers, credentials);
		if (output[expirable.name] === undefined) return undefined;

		const details = node.credentials?.[typeName];
		if (details?.id) {
			const record = this.records.get(details.id);
			if (record) Object.assign(record.data, output);
		}
		return Object.assign(credentials, output);
	}

	async runPreAuthentication(): Promise<undefined> {
		return undefined;
	}

	async getCredentials(): Promise<ICredentials> {
		throw new Error('not used by these tests');
	}

	async getDecrypted(
		_additionalData: unknown,
		nodeCredentials: INodeCredentialsDetails,
		type: string,
	): Promise<ICredentialDataDecryptedObject> {
		const record = nodeCredentials.id ? this.records.get(nodeCredentials.id) : undefined;
		if (!record || record.type !== type) {
			throw new Error(`No credential of type ${type} with id ${nodeCredentials.id}`);
		}
		return { ...record.data };
	}

	async updateCredentials(
		nodeCredentials: INodeCredentialsDetails,
		_type: string,
		data: ICredentialDataDecryptedObject,
	): Promise<void> {
		const record = nodeCredentials.id ? this.records.get(nodeCredentials.id) : undefined;
		if (record) record.data = { ...data };
	}

	async updateCredentialsOauthTokenData(): Promise<void> {}

	getCredentialsProperties(type: string): INodeProperties[] {
		return this.type(type).properties;
	}

	private type(name: string): ICredentialType {
		const type = this.types.get(name);
		if (!type) throw new Error(`Unknown credential type ${name}`);
		return type;
	}

	private resolve(
		value: string,
		credentials: ICredentialDataDecryptedObject,
		workflow: Workflow,
		node: INode,
	): string {
		if (!isExpression(value)) return value;
		const resolved = workflow.expression.getSimpleParameterValue(
			node,
			value,
			'internal',
			{ $credentials: credentials },
			undefined,
			'',
		);
		return resolved ? String(resolved) : '';
	}
}
