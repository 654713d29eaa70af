/**
 * Value maps for attributes renamed together with their enum values. The registry records the
 * attribute rename (`db.system` -> `db.system.name`) but not how the values moved; these
 * entries come from the semantic-conventions changelog (the v1.30 database migration and the
 * network/rpc/cpu renames). Values that kept their spelling (`postgresql`, `tcp`) need no entry:
 * `SemconvRegistry.mapValue()` keeps any value the new enum already has.
 */
export const VALUE_RENAMES: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  'db.system': {
    adabas: 'softwareag.adabas',
    cache: 'intersystems.cache',
    intersystems_cache: 'intersystems.cache',
    cosmosdb: 'azure.cosmosdb',
    db2: 'ibm.db2',
    dynamodb: 'aws.dynamodb',
    firebird: 'firebirdsql',
    h2: 'h2database',
    hanadb: 'sap.hana',
    informix: 'ibm.informix',
    ingres: 'actian.ingres',
    maxdb: 'sap.maxdb',
    mssql: 'microsoft.sql_server',
    netezza: 'ibm.netezza',
    oracle: 'oracle.db',
    redshift: 'aws.redshift',
    spanner: 'gcp.spanner',
  },
  'net.transport': { ip_tcp: 'tcp', ip_udp: 'udp' },
  'process.cpu.state': { wait: 'iowait' },
  'rpc.system': { apache_dubbo: 'dubbo', connect_rpc: 'connectrpc' },
  'system.network.state': { close: 'closed', syn_recv: 'syn_received' },
};
