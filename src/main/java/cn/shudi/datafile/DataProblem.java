package cn.shudi.datafile;

/**
 * One thing wrong in a data file, located so that the person who keeps the file can fix it.
 *
 * @param file the file as the user knows it (path or resource name)
 * @param line 1-based line in the file, 0 when the problem concerns the whole file
 * @param column the column header, or null when the problem concerns the whole row or file
 * @param message what is wrong and what was expected, in the users' language
 */
public record DataProblem(String file, long line, String column, String message) {

  public static DataProblem ofFile(String file, String message) {
    return new DataProblem(file, 0, null, message);
  }

  @Override
  public String toString() {
    StringBuilder where = new StringBuilder(file);
    if (line > 0) {
      where.append(" 第").append(line).append("行");
    }
    if (column != null) {
      where.append(" 列「").append(column).append("」");
    }
    return where + "：" + message;
  }
}
