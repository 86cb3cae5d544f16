package cn.shudi.organization;

import java.util.regex.Pattern;

/**
 * A basic grid (基础网格) of a county: the smallest area a grid worker (网格员) patrols, in one township's
 * community or village. Read from {@code jurisdictions/<county>/grids.csv} (docs/grids.md).
 *
 * @param jurisdiction code of the county (its tenant id)
 * @param code grid code, unique within the county ({@code mingshui-01})
 * @param name the grid's name as staff see it ({@code 明水街道第1网格})
 * @param township unit code of the township the grid lies in
 * @param community the community (社区) or village (村) the grid lies in
 * @param invented whether the community's name is made up (demo data): never shown as a real place
 */
public record Grid(String jurisdiction, String code, String name, String township, String community,
    boolean invented) {

  /** What a grid code looks like: lower-case letters and digits, parts joined by a hyphen, at most 64 characters. */
  static final Pattern CODE = Pattern.compile("(?=.{2,64}$)[a-z][a-z0-9]*(-[a-z0-9]+)*");

  /**
   * Whether a text has the form of a grid code. A request's grid given in this form must be a grid of the county
   * ({@link Jurisdiction#grid(String)}); any other text is a free description of the place.
   */
  public static boolean isCode(String text) {
    return text != null && CODE.matcher(text.strip()).matches();
  }
}
