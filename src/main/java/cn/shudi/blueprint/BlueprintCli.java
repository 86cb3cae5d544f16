package cn.shudi.blueprint;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.springframework.core.io.DefaultResourceLoader;

import cn.shudi.catalog.Catalog;
import cn.shudi.catalog.Catalogs;
import cn.shudi.catalog.Item;
import cn.shudi.datafile.InvalidDataException;
import cn.shudi.organization.Jurisdiction;
import cn.shudi.organization.Organization;
import cn.shudi.organization.OrganizationLoader;

/**
 * Analysts' blueprint commands, run from the repository root:
 * {@code mvn -q compile exec:java -Dexec.mainClass=cn.shudi.blueprint.BlueprintCli -Dexec.args="check"}.
 */
final class BlueprintCli {

  static final String USAGE = """
      用法：
        generate [--force] [辖区编码…]   生成缺少的事项流程和起始表单（--force 覆盖已有文件，慎用：会丢失手工修改）
        check [辖区编码…]                 检查流程与清单是否一致（单位、候选组、期限），并检查所有模型
                                         （图形信息、中文名称、无 Java 类名、候选组、期限、表单）
        figures [流程目录…]               各县流程的指标：流程形状种数、含判断网关的事项、无事发生时镇街的任务数、
                                         一天内到期的无条件任务、写入信用档案的事项（默认 processes/zhangqiu processes/yunxi）
      """;

  private BlueprintCli() {
  }

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  /**
   * The items whose time limits the list leaves to the county's default (待定): they run, and the analyst settles
   * each limit with the county. Listed, not counted as a mismatch.
   */
  static void printPending(Catalog catalog, Jurisdiction jurisdiction, PrintStream out) {
    List<Item> pending = catalog.items().stream().filter(Item::hasPendingTimeLimit).toList();
    if (pending.isEmpty()) {
      return;
    }
    out.println(jurisdiction.name() + "：时限待定的事项 " + pending.size() + " 项（暂按本县默认时限办理，请与区县确认后填入清单）：");
    pending.forEach(i -> out.println("  " + i.code() + " " + i.name() + "：" + i.pendingLimits()));
  }

  private static int figures(String[] args, PrintStream out, PrintStream err) {
    List<String> folders = args.length > 1 ? List.of(args).subList(1, args.length)
        : List.of("processes/zhangqiu", "processes/yunxi");
    try {
      for (String folder : folders) {
        out.println(BlueprintFigures.of(Path.of(folder)));
      }
      return 0;
    } catch (java.io.IOException e) {
      err.println("读取失败：" + e.getMessage());
      return 1;
    }
  }

  static int run(String[] args, PrintStream out, PrintStream err) {
    if (args.length == 0 || !List.of("generate", "check", "figures").contains(args[0])) {
      err.print(USAGE);
      return 2;
    }
    if (args[0].equals("figures")) {
      return figures(args, out, err);
    }
    boolean force = List.of(args).contains("--force");
    List<String> wanted = new ArrayList<>();
    for (int i = 1; i < args.length; i++) {
      if (!args[i].startsWith("--")) {
        wanted.add(args[i]);
      }
    }
    try {
      DefaultResourceLoader resources = new DefaultResourceLoader();
      Organization organization = new OrganizationLoader(resources, "file:jurisdictions/").load();
      Catalogs catalogs = Catalogs.load(resources, "file:jurisdictions/", organization, new cn.shudi.catalog.CatalogLoader());
      BlueprintFiles files = new BlueprintFiles(Path.of("processes"));
      int findings = 0;
      for (Jurisdiction jurisdiction : organization.jurisdictions()) {
        if (!wanted.isEmpty() && !wanted.contains(jurisdiction.code())) {
          continue;
        }
        Catalog catalog = catalogs.of(jurisdiction.code());
        if (args[0].equals("generate")) {
          BlueprintFiles.Outcome outcome = files.generate(jurisdiction, catalog, force, out::println);
          new StartForms().write(Path.of("forms"), jurisdiction, force);
          out.println(jurisdiction.name() + "：写入 " + outcome.written() + " 个流程，保留 " + outcome.kept() + " 个已有流程");
        } else {
          for (DriftCheck.Finding finding : new DriftCheck(files).check(jurisdiction, catalog)) {
            out.println(finding);
            findings++;
          }
          out.println(jurisdiction.name() + "：检查 " + catalog.items().size() + " 个事项");
          printPending(catalog, jurisdiction, out);
        }
      }
      if (args[0].equals("check")) {
        List<ModelCheck.Finding> modelFindings = new ModelCheck(Path.of("processes"), Path.of("forms"), organization,
            catalogs).checkAll();
        modelFindings.forEach(out::println);
        findings += modelFindings.size();
        out.println("模型检查：" + new ModelCheck(Path.of("processes"), Path.of("forms"), organization).files().size()
            + " 个 BPMN 文件");
      }
      if (findings > 0) {
        out.println("共 " + findings + " 处与清单不一致");
        return 1;
      }
      return 0;
    } catch (InvalidDataException e) {
      err.println(e.getMessage());
      return 1;
    } catch (java.io.IOException e) {
      err.println("写入失败：" + e.getMessage());
      return 1;
    }
  }
}
