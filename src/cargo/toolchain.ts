import * as path from 'path';
import { CargoError } from './errors';
import { isInside } from './files';
import { ToolchainInfo } from './model';
import { TomlReader, asTable, expectString, expectStringArray } from './toml';

/**
 * The toolchain the project pins: the nearest `rust-toolchain` / `rust-toolchain.toml` from the
 * folder cargo runs in (the workspace root) up to the build context, as rustup looks for it (the
 * legacy file wins when both exist), else the selected package's `rust-version`.
 */
export function readToolchain(toml: TomlReader, workspaceRoot: string, contextDir: string, rustVersion: string | undefined): ToolchainInfo {
  for (let dir = workspaceRoot; isInside(contextDir, dir); dir = path.dirname(dir)) {
    const legacy = path.join(dir, 'rust-toolchain');
    if (toml.files.isFile(legacy)) return fromLegacy(toml, legacy, rustVersion);
    const file = path.join(dir, 'rust-toolchain.toml');
    if (toml.files.isFile(file)) return fromToml(toml, file, 'rust-toolchain.toml', rustVersion);
    if (dir === path.dirname(dir)) break;
  }
  if (rustVersion !== undefined) {
    return { channel: rustVersion, source: 'rust-version', components: [], targets: [], rustVersion };
  }
  return { source: 'none', components: [], targets: [], rustVersion };
}

function fromLegacy(toml: TomlReader, file: string, rustVersion: string | undefined): ToolchainInfo {
  const text = toml.files.read(file).trim();
  // The legacy file is either one channel name or the same TOML as rust-toolchain.toml.
  if (!text.includes('\n') && !text.includes('=') && !text.startsWith('[')) {
    if (text === '') throw new CargoError(file, 'the file is empty. Write a channel such as `1.91.0` in it, or delete it.');
    return { channel: text, source: 'rust-toolchain', file, components: [], targets: [], rustVersion };
  }
  return fromToml(toml, file, 'rust-toolchain', rustVersion);
}

function fromToml(toml: TomlReader, file: string, source: 'rust-toolchain.toml' | 'rust-toolchain', rustVersion: string | undefined): ToolchainInfo {
  const t = asTable(toml.parse(file).toolchain);
  if (!t) throw new CargoError(file, 'no `[toolchain]` table. Add `[toolchain]` with `channel = "1.91.0"` (or another channel).');
  if (t.path !== undefined) {
    throw new CargoError(file, '`toolchain.path` points at a local toolchain, which an image build cannot use. Set `channel` instead.');
  }
  return {
    channel: expectString(file, 'toolchain.channel', t.channel),
    source,
    file,
    components: expectStringArray(file, 'toolchain.components', t.components) ?? [],
    targets: expectStringArray(file, 'toolchain.targets', t.targets) ?? [],
    profile: expectString(file, 'toolchain.profile', t.profile),
    rustVersion,
  };
}
