/**
 * Edges of well-known registry crates that exist in Cargo.lock only because some feature asked for
 * them. The lock keeps every edge of every feature set, and the registry manifests are not at hand,
 * so an edge listed here is followed only when the project's own manifests ask one of `crates` for
 * one of `features` (or ask nothing of any of them, in which case the edge is kept to stay conservative).
 */
export interface FeatureGate {
  readonly parent: string;
  readonly child: string;
  /** The crates whose features decide (the one the project depends on, and crates that forward the feature to it). */
  readonly crates: string[];
  readonly features: string[];
}

const SQLX_SQLITE = ['sqlite', 'sqlite-unbundled', '_sqlite', 'sqlite-preupdate-hook', 'all-databases'];
const OPENSSL_FORWARDERS = ['openssl', 'openssl-sys', 'native-tls', 'tokio-native-tls', 'hyper-tls', 'reqwest', 'tungstenite', 'tokio-tungstenite',
  'postgres-native-tls', 'lettre', 'ureq', 'git2', 'libgit2-sys', 'async-native-tls', 'sqlx', 'diesel'];
const RUSTLS_AWS_LC = ['default', 'aws_lc_rs', 'aws-lc-rs', 'fips', 'prefer-post-quantum'];

export const FEATURE_GATES: FeatureGate[] = [
  { parent: 'diesel', child: 'pq-sys', crates: ['diesel'], features: ['postgres'] },
  { parent: 'diesel', child: 'mysqlclient-sys', crates: ['diesel'], features: ['mysql'] },
  { parent: 'diesel', child: 'libsqlite3-sys', crates: ['diesel'], features: ['sqlite'] },
  { parent: 'sqlx', child: 'sqlx-sqlite', crates: ['sqlx'], features: SQLX_SQLITE },
  { parent: 'sqlx-macros-core', child: 'sqlx-sqlite', crates: ['sqlx'], features: SQLX_SQLITE },
  { parent: 'rustls', child: 'aws-lc-rs', crates: ['rustls'], features: RUSTLS_AWS_LC },
  // Vendored OpenSSL is opted into by the application through the TLS crate it uses.
  { parent: 'openssl-sys', child: 'openssl-src', crates: OPENSSL_FORWARDERS, features: ['vendored', 'native-tls-vendored', 'vendored-openssl', 'vendored_openssl'] },
  // The TPM stack of kanidm's HSM crate is behind its `tpm` feature.
  { parent: 'kanidm-hsm-crypto', child: 'tss-esapi', crates: ['kanidm-hsm-crypto'], features: ['tpm'] },
  { parent: 'kanidm-hsm-crypto', child: 'tss-esapi-sys', crates: ['kanidm-hsm-crypto'], features: ['tpm'] },
  // FIPS is always opted into by the application, forwarded through the TLS crates it depends on.
  { parent: 'aws-lc-rs', child: 'aws-lc-fips-sys', crates: ['aws-lc-rs', 'rustls', 'tokio-rustls', 'hyper-rustls', 'rustls-platform-verifier'], features: ['fips', 'default-fips'] },
];

/** Whether the lock edge parent → child is followed, given what the project asks of crates. */
export function gateOpen(parent: string, child: string, requested: (crate: string) => Set<string> | undefined): boolean {
  const gates = FEATURE_GATES.filter((g) => g.parent === parent && g.child === child);
  if (gates.length === 0) return true;
  return gates.some((g) => {
    const asked = g.crates.map(requested).filter((a): a is Set<string> => a !== undefined);
    return asked.length === 0 || asked.some((a) => g.features.some((f) => a.has(f)));
  });
}
