package cn.shudi.catalog;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import cn.shudi.datafile.CsvFiles;
import cn.shudi.datafile.DataProblem;

/**
 * The list's identity from the {@code #} lines above the CSV header ({@code # 版本: 2024.1}). Read
 * by hand because the CSV format skips comments; this way each one keeps its line number.
 */
final class HeaderComments {

  static final Pattern VERSION = Pattern.compile("[0-9A-Za-z][0-9A-Za-z._-]{0,39}");

  /**
   * The comments that were read; a missing or bad one is null and has been reported.
   *
   * @param headerLine the line of the CSV header row (after the comments), 1 when unknown
   */
  record Identity(String title, String version, LocalDate effectiveDate, long headerLine) {
  }

  private record Comment(long line, String value) {
  }

  private HeaderComments() {
  }

  /**
   * Reads the leading comment lines. Unreadable bytes are not reported here: reading the rows
   * reports them, once.
   */
  static Identity read(String file, CsvFiles.Source source, List<DataProblem> problems) {
    Map<String, Comment> comments = new HashMap<>();
    long headerLine = 1;
    try (InputStream in = source.open(); BufferedReader reader = new BufferedReader(CsvFiles.utf8(in))) {
      long lineNumber = 0;
      String line;
      while ((line = reader.readLine()) != null) {
        lineNumber++;
        String trimmed = line.strip();
        if (trimmed.isEmpty()) {
          continue;
        }
        if (!trimmed.startsWith("#")) {
          headerLine = lineNumber;
          break; // the header row: identity comments must come before it
        }
        String body = trimmed.substring(1).strip();
        int colon = indexOfColon(body);
        if (colon > 0) {
          comments.putIfAbsent(body.substring(0, colon).strip(), new Comment(lineNumber, body.substring(colon + 1).strip()));
        }
      }
    } catch (IOException | UncheckedIOException e) {
      return new Identity(null, null, null, 1);
    }
    String title = text(file, comments, CatalogColumns.TITLE_KEY, "××县县乡“属地管理”事项主体责任和配合责任清单", problems);
    String version = text(file, comments, CatalogColumns.VERSION_KEY, "2024.1", problems);
    if (version != null && !VERSION.matcher(version).matches()) {
      problems.add(new DataProblem(file, comments.get(CatalogColumns.VERSION_KEY).line(), null,
          "版本「" + version + "」不合法：应为字母或数字开头、由字母、数字、点、横线组成的版本号（如 2024.1）"));
      version = null;
    }
    String date = text(file, comments, CatalogColumns.EFFECTIVE_DATE_KEY, "2024-01-01", problems);
    LocalDate effective = null;
    if (date != null) {
      try {
        effective = LocalDate.parse(date);
      } catch (DateTimeParseException e) {
        problems.add(new DataProblem(file, comments.get(CatalogColumns.EFFECTIVE_DATE_KEY).line(), null,
            "生效日期「" + date + "」不合法：应为 yyyy-MM-dd 格式的有效日期（如 2024-01-01）"));
      }
    }
    return new Identity(title, version, effective, headerLine);
  }

  private static String text(String file, Map<String, Comment> comments, String key, String example,
      List<DataProblem> problems) {
    Comment comment = comments.get(key);
    if (comment == null || comment.value().isEmpty()) {
      problems.add(new DataProblem(file, comment == null ? 0 : comment.line(), null,
          "缺少表头注释「" + key + "」：文件开头（表头行之前）应有一行「# " + key + ": " + example + "」"));
      return null;
    }
    return comment.value();
  }

  /** Analysts type either colon; both are accepted in comments. */
  private static int indexOfColon(String body) {
    int ascii = body.indexOf(':');
    int wide = body.indexOf('：');
    if (ascii < 0) {
      return wide;
    }
    return wide < 0 ? ascii : Math.min(ascii, wide);
  }
}
