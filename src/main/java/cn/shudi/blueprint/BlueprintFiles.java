package cn.shudi.blueprint;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.function.Consumer;

import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;

import cn.shudi.catalog.Catalog;
import cn.shudi.catalog.Item;
import cn.shudi.organization.Jurisdiction;

/**
 * The committed blueprint files: {@code processes/<jurisdiction>/<CODE>.bpmn}. Missing files are
 * generated; existing ones are analysts' work and stay as they are unless forced. Even forced, a file
 * that was modelled or saved by hand (its exporter is not the generator, e.g. Camunda Modeler) is
 * kept: regenerating it would silently lose an analyst's work.
 */
public class BlueprintFiles {

  /** What a generation run did. */
  public record Outcome(int written, int kept) {
  }

  static final String EXPORTER = "exporter=\"" + BlueprintGenerator.EXPORTER + "\"";

  private final Path processes;
  private final BlueprintGenerator generator = new BlueprintGenerator();

  public BlueprintFiles(Path processes) {
    this.processes = processes;
  }

  public Path fileOf(Jurisdiction jurisdiction, Item item) {
    return processes.resolve(jurisdiction.code()).resolve(item.code() + ".bpmn");
  }

  public Outcome generate(Jurisdiction jurisdiction, Catalog catalog, boolean force, Consumer<String> progress)
      throws IOException {
    int written = 0;
    int kept = 0;
    int done = 0;
    for (Item item : catalog.items()) {
      Path file = fileOf(jurisdiction, item);
      if (Files.exists(file) && (!force || isHandModelled(file))) {
        kept++;
      } else {
        write(file, generator.generate(item, jurisdiction));
        written++;
      }
      if (++done % 50 == 0 || done == catalog.items().size()) {
        progress.accept(jurisdiction.shortName() + "：" + done + "/" + catalog.items().size() + " 项");
      }
    }
    return new Outcome(written, kept);
  }

  /** True for a file not (or no longer) as the generator wrote it. */
  static boolean isHandModelled(Path file) throws IOException {
    String head = Files.readString(file, StandardCharsets.UTF_8);
    return !head.substring(0, Math.min(head.length(), 2000)).contains(EXPORTER);
  }

  /** Writes next to the target and moves it in, so a failure never leaves half a file. */
  static void write(Path file, BpmnModelInstance model) throws IOException {
    Bpmn.validateModel(model);
    writeText(file, Bpmn.convertToString(model));
  }

  static void writeText(Path file, String text) throws IOException {
    Files.createDirectories(file.getParent());
    Path temp = Files.createTempFile(file.getParent(), "." + file.getFileName(), ".tmp");
    try {
      Files.writeString(temp, text, StandardCharsets.UTF_8);
      Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(temp);
    }
  }
}
