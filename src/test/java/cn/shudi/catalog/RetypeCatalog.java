package cn.shudi.catalog;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

/**
 * Not a test: marks the steps of a shipped catalog.csv that carry no step type yet with the types the importer
 * recognises ({@link StepKinds}), leaving every other cell as it is. The analyst then reads every marked row.
 * {@code mvn -q test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass=cn.shudi.catalog.RetypeCatalog
 * -Dexec.args="jurisdictions/yunxi/catalog.csv"}
 */
public final class RetypeCatalog {

  private static final Pattern COMMENT = Pattern.compile("# ([^:]+): (.*)");
  private static final Pattern UNIT = Pattern.compile("【([^】]*)】(.*)");

  private RetypeCatalog() {
  }

  public static void main(String[] args) throws IOException {
    for (String arg : args) {
      Path file = Path.of(arg);
      Files.writeString(file, retype(Files.readString(file, StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
    }
  }

  static String retype(String text) throws IOException {
    List<String> comments = new ArrayList<>();
    StringBuilder body = new StringBuilder();
    for (String line : text.split("\n", -1)) {
      Matcher m = COMMENT.matcher(line);
      if (m.matches() && body.isEmpty()) {
        comments.add(m.group(2));
      } else {
        body.append(line).append('\n');
      }
    }
    List<List<String>> records = new ArrayList<>();
    List<String> header = CatalogColumns.HEADER;
    for (CSVRecord record : CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get()
        .parse(new StringReader(body.toString().strip() + "\n"))) {
      List<String> cells = new ArrayList<>(header.stream().map(record::get).toList());
      String primary = cells.get(header.indexOf(CatalogColumns.PRIMARY_UNIT));
      List<String> cooperating = List.of(cells.get(header.indexOf(CatalogColumns.COOPERATING_UNITS))
          .split(CatalogColumns.UNIT_SEPARATOR));
      int p = header.indexOf(CatalogColumns.PRIMARY_DUTIES);
      cells.set(p, lines(cells.get(p), primary, primary, cooperating));
      int c = header.indexOf(CatalogColumns.COOPERATING_DUTIES);
      cells.set(c, lines(cells.get(c), null, primary, cooperating));
      records.add(cells);
    }
    return CatalogCsvWriter.write(comments.get(0), comments.get(1), LocalDate.parse(comments.get(2)), records).text();
  }

  private static String lines(String cell, String owner, String primary, List<String> cooperating) {
    List<String> out = new ArrayList<>();
    for (String line : cell.split("\n")) {
      String unit = owner;
      String rest = line;
      Matcher m = UNIT.matcher(line);
      if (m.matches()) {
        unit = m.group(1);
        rest = m.group(2);
      }
      String prefix = line.substring(0, line.length() - rest.length());
      int colon = rest.indexOf('：');
      if (rest.startsWith("〔") || colon < 0) {
        out.add(line);
        continue;
      }
      List<String> others = new ArrayList<>();
      others.add(primary);
      others.addAll(cooperating);
      String self = unit;
      others.removeIf(u -> u.equals(self));
      out.add(prefix + StepKinds.markers(rest.substring(0, colon), rest.substring(colon + 1), others) + rest);
    }
    return String.join("\n", out);
  }
}
