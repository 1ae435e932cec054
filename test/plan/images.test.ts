import { planBuild } from '../../src/plan';
import { RuntimeBase } from '../../src/plan/option-values';
import { makeProject } from '../support/project';

describe('image options', () => {
  const plan = (options: Parameters<typeof planBuild>[1]) => () => planBuild(makeProject(), options);

  test('fails for a registryMirror with a newline, a space or nothing, naming the prop and the value', () => {
    // GIVEN mirrors that would break the FROM lines / THEN each is refused with the form to give
    expect(plan({ registryMirror: 'mirror.example.com\nRUN id' })).toThrow(
      /^registryMirror is "mirror\.example\.com\\nRUN id", which is not a registry prefix: give 'host\[:port\]\[\/path\]' .* e\.g\. 'public\.ecr\.aws\/docker\/library'\.$/);
    expect(plan({ registryMirror: 'mirror.example.com/a b' })).toThrow(/^registryMirror is "mirror\.example\.com\/a b", which is not a registry prefix/);
    expect(plan({ registryMirror: '' })).toThrow(/^registryMirror is "", which is not a registry prefix/);
    expect(plan({ registryMirror: 'https://mirror.example.com' })).toThrow(/^registryMirror is "https:\/\/mirror\.example\.com"/);
  });

  test('a registry prefix with a port and a path is accepted and used', () => {
    const p = planBuild(makeProject(), { registryMirror: 'registry.local:5000/hub/library/' });
    expect(p.images.builder).toEqual('registry.local:5000/hub/library/rust:1.97.1-slim-trixie');
  });

  test('fails for a builderImage with shell characters or spaces, and for a malformed digest', () => {
    expect(plan({ toolVersions: { builderImage: 'rust:1.90.0-slim;id' } })).toThrow(
      /^toolVersions\.builderImage is "rust:1\.90\.0-slim;id", which is not a valid image reference: give '\[registry\/\]repository\[:tag\]\[@sha256:<64 hex digits>\]'/);
    expect(plan({ toolVersions: { builderImage: 'rust:1.90.0 AS x' } })).toThrow(/^toolVersions\.builderImage is "rust:1\.90\.0 AS x", which is not a valid image reference/);
    expect(plan({ toolVersions: { builderImage: 'rust@sha256:abc' } })).toThrow(/^toolVersions\.builderImage is "rust@sha256:abc", which is not a valid image reference/);
    expect(plan({ runtimeBase: RuntimeBase.custom('debian:12-slim@sha256:abc', 'gnu', '2.36') })).toThrow(/^runtimeBase is "debian:12-slim@sha256:abc", which is not a valid image reference/);
  });

  test('fails for a builderImage that is not a Debian-based rust image, saying which are accepted', () => {
    expect(plan({ toolVersions: { builderImage: 'rust:1.90.0-alpine3.20' } })).toThrow(
      /^toolVersions\.builderImage is 'rust:1\.90\.0-alpine3\.20', which is not one of the Debian-based rust images: the toolchain stage runs apt-get and rustup\. Give a rust image with a Debian tag \(a repository named 'rust', e\.g\. 'rust:1\.90\.0-slim-bookworm'/);
    expect(plan({ toolVersions: { builderImage: 'ubuntu:24.04' } })).toThrow(/^toolVersions\.builderImage is 'ubuntu:24\.04', which is not one of the Debian-based rust images/);
  });

  test('a Debian rust image from a private registry with a tag and a digest is accepted', () => {
    const digest = `sha256:${'a'.repeat(64)}`;
    const p = planBuild(makeProject(), { toolVersions: { builderImage: `123456789012.dkr.ecr.eu-west-1.amazonaws.com/mirror/rust:1.90.0-slim-bookworm@${digest}` } });
    expect(p.images.builder).toEqual(`123456789012.dkr.ecr.eu-west-1.amazonaws.com/mirror/rust:1.90.0-slim-bookworm@${digest}`);
  });
});
