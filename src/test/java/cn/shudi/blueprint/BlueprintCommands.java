package cn.shudi.blueprint;

/**
 * Not a test: runs {@link BlueprintCli} (package-private) from Maven, e.g. the figures of issue 14 per county, from the
 * files alone, so another revision's files can be measured too: {@code mvn -q test-compile exec:java
 * -Dexec.classpathScope=test -Dexec.mainClass=cn.shudi.blueprint.BlueprintCommands -Dexec.args="figures [dir…]"}.
 */
public final class BlueprintCommands {

  private BlueprintCommands() {
  }

  public static void main(String[] args) {
    System.exit(BlueprintCli.run(args, System.out, System.err));
  }
}
