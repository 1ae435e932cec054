/** How the image build uses CodeBuild. */
export class BuildStrategy {
  /**
   * One CodeBuild batch: the amd64 image on an x86 host (`LINUX_CONTAINER`), the arm64 image on a
   * Graviton host (`ARM_CONTAINER`), in parallel, then a small node that joins them into one index.
   */
  public static readonly NATIVE = new BuildStrategy('native');

  /**
   * One x86 host builds every platform with buildx, one after the other. The Dockerfile compiles on
   * the build platform and cross-links with zig, so nothing runs under emulation; use it where ARM
   * CodeBuild is not offered, or to keep one build host.
   */
  public static readonly CROSS = new BuildStrategy('cross');

  /** `native` or `cross`. */
  public readonly name: string;

  private constructor(name: string) {
    this.name = name;
  }
}
