/**
 * Lets @neondatabase/serverless talk to the local PostgreSQL as if it were Neon:
 * - `/v2?address=host:port` is a WebSocket-to-TCP tunnel, what the driver's Pool and Client use;
 * - `POST /sql` speaks the driver's HTTP query protocol, what `neon()` (neon-http) uses.
 * Only the local PostgreSQL is reachable through it.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { connect, type Socket } from 'node:net';
import { neonConfig } from '@neondatabase/serverless';
import pg from 'pg';
import { WebSocket, WebSocketServer } from 'ws';
import { POSTGRES_HOST, POSTGRES_PORT } from './postgres';

export interface NeonRelay {
  port: number;
  /** Connection string for the driver; its host is only a label, the relay decides where it goes. */
  connectionString(database: string): string;
  close(): Promise<void>;
}

interface SqlQuery {
  query: string;
  params?: unknown[];
}

const keepText = (value: string): string => value;
const RAW_TEXT_TYPES: pg.CustomTypesConfig = {
  getTypeParser: (() => keepText) as pg.CustomTypesConfig['getTypeParser'],
};

export async function startNeonRelay(): Promise<NeonRelay> {
  const sockets = new Set<Socket>();
  const pools = new Map<string, pg.Pool>();

  const poolFor = (connectionString: string): pg.Pool => {
    let pool = pools.get(connectionString);
    if (pool === undefined) {
      pool = new pg.Pool({ connectionString: toLocalUrl(connectionString), max: 4 });
      // A test database dropped under an idle client must not take the process down.
      pool.on('error', () => {});
      pools.set(connectionString, pool);
    }
    return pool;
  };

  const server = createServer((request, response) => {
    if (request.method !== 'POST' || request.url?.split('?')[0] !== '/sql') {
      response.writeHead(404).end();
      return;
    }
    handleSql(request, response, poolFor).catch((error: unknown) => {
      if (!response.headersSent) response.writeHead(500, { 'content-type': 'text/plain' });
      response.end(String(error));
    });
  });
  const wss = new WebSocketServer({ server, path: '/v2' });
  wss.on('error', () => {});
  wss.on('connection', (ws, request) => tunnel(ws, request, sockets));

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  neonConfig.webSocketConstructor = WebSocket;
  neonConfig.wsProxy = (host, targetPort) => `127.0.0.1:${port}/v2?address=${host}:${targetPort}`;
  neonConfig.useSecureWebSocket = false;
  neonConfig.pipelineConnect = false;
  neonConfig.pipelineTLS = false;
  neonConfig.forceDisablePgSSL = true;
  neonConfig.fetchEndpoint = `http://127.0.0.1:${port}/sql`;

  return {
    port,
    connectionString: (database) => `postgresql://postgres@${POSTGRES_HOST}:${POSTGRES_PORT}/${database}`,
    async close() {
      for (const client of wss.clients) client.terminate();
      for (const socket of sockets) socket.destroy();
      await Promise.all([...pools.values()].map((pool) => pool.end()));
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** The driver appends application_name etc.; node-postgres wants a plain local URL. */
function toLocalUrl(connectionString: string): string {
  const url = new URL(connectionString);
  return `postgres://${url.username || 'postgres'}@${POSTGRES_HOST}:${POSTGRES_PORT}${url.pathname}`;
}

function tunnel(ws: WebSocket, request: IncomingMessage, sockets: Set<Socket>): void {
  ws.on('error', () => {});
  const address = new URL(request.url ?? '', 'http://relay').searchParams.get('address') ?? '';
  const [host, portText] = address.split(':');
  const allowed = (host === POSTGRES_HOST || host === 'localhost') && Number(portText) === POSTGRES_PORT;
  if (!allowed) {
    ws.close(1008, 'address not allowed');
    return;
  }
  const socket = connect(POSTGRES_PORT, POSTGRES_HOST);
  sockets.add(socket);
  socket.on('error', () => ws.close());
  socket.on('close', () => {
    sockets.delete(socket);
    ws.close();
  });
  socket.on('data', (chunk) => {
    if (ws.readyState === WebSocket.OPEN) ws.send(chunk);
  });
  ws.on('message', (data) => {
    if (Array.isArray(data)) for (const chunk of data) socket.write(chunk);
    else socket.write(Buffer.isBuffer(data) ? data : new Uint8Array(data));
  });
  ws.on('close', () => socket.end());
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

async function runQuery(client: pg.PoolClient, { query, params = [] }: SqlQuery) {
  // Rows go back as raw text: the driver parses them itself from each field's type id.
  const result = await client.query({ text: query, values: params, rowMode: 'array', types: RAW_TEXT_TYPES });
  return {
    fields: result.fields.map((field) => ({
      name: field.name,
      dataTypeID: field.dataTypeID,
      tableID: field.tableID,
      columnID: field.columnID,
      dataTypeSize: field.dataTypeSize,
      dataTypeModifier: field.dataTypeModifier,
      format: field.format,
    })),
    rows: result.rows,
    command: result.command,
    rowCount: result.rowCount,
    rowAsArray: true,
  };
}

async function handleSql(
  request: IncomingMessage,
  response: ServerResponse,
  poolFor: (connectionString: string) => pg.Pool,
): Promise<void> {
  const connectionString = request.headers['neon-connection-string'];
  if (typeof connectionString !== 'string') {
    response.writeHead(400, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ message: 'missing Neon-Connection-String' }));
    return;
  }
  const body = JSON.parse(await readBody(request)) as SqlQuery | { queries: SqlQuery[] };
  const client = await poolFor(connectionString).connect();
  try {
    let payload: unknown;
    if ('queries' in body) {
      await client.query('begin');
      const results = [];
      for (const query of body.queries) results.push(await runQuery(client, query));
      await client.query('commit');
      payload = { results };
    } else {
      payload = await runQuery(client, body);
    }
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(JSON.stringify(payload));
  } catch (error) {
    if ('queries' in body) await client.query('rollback').catch(() => {});
    const details: Record<string, unknown> = error instanceof Error ? { ...error } : {};
    response.writeHead(400, { 'content-type': 'application/json' });
    response.end(
      JSON.stringify({
        message: error instanceof Error ? error.message : String(error),
        code: details.code,
        detail: details.detail,
        constraint: details.constraint,
      }),
    );
  } finally {
    client.release();
  }
}
