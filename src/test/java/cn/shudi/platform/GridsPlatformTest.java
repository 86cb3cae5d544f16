package cn.shudi.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import cn.shudi.organization.Grid;
import cn.shudi.organization.GridWorkers;
import cn.shudi.organization.Jurisdiction;
import cn.shudi.organization.Organization;
import cn.shudi.support.PlatformTest;

/**
 * The grids as another feature reads them (docs/grids.md): a request's grid given as a code is checked against
 * the county's grids, and a grid worker's grid is read by user id.
 */
@PlatformTest
class GridsPlatformTest {

  @Autowired
  Organization organization;
  @Autowired
  GridWorkers gridWorkers;

  /** What the intake does with the grid of a request: a code must be one of the county's grids, text is text. */
  static Optional<String> problemOfRequestGrid(Jurisdiction county, String grid) {
    if (grid == null || grid.isBlank() || !Grid.isCode(grid)) {
      return Optional.empty();
    }
    return county.grid(grid).isPresent() ? Optional.empty()
        : Optional.of("网格「" + grid.strip() + "」不是" + county.shortName() + "的网格");
  }

  @Test
  void aRequestsGridGivenAsACodeIsCheckedAgainstItsCounty() {
    Jurisdiction zhangqiu = organization.jurisdiction("zhangqiu");
    assertThat(problemOfRequestGrid(zhangqiu, "mingshui-01")).isEmpty();
    assertThat(problemOfRequestGrid(zhangqiu, "明水街道汇泉路东段")).as("a free description").isEmpty();
    assertThat(problemOfRequestGrid(zhangqiu, "chengguan-01")).as("a grid of another county")
        .contains("网格「chengguan-01」不是章丘区的网格");
    assertThat(organization.jurisdiction("yunxi").grid("chengguan-01")).get().extracting(Grid::township)
        .isEqualTo("chengguan");
  }

  @Test
  void aGridWorkersGridIsReadByUserIdAndCanBeChanged() {
    assertThat(gridWorkers.gridOf("yunxi_chengguan_grid")).get().extracting(Grid::code).isEqualTo("chengguan-01");
    Jurisdiction zhangqiu = organization.jurisdiction("zhangqiu");
    Grid second = zhangqiu.grid("xiuhui-02").orElseThrow();
    gridWorkers.assign("grids_test_worker", zhangqiu.grid("xiuhui-01").orElseThrow());
    gridWorkers.assign("grids_test_worker", second);
    assertThat(gridWorkers.gridOf("grids_test_worker")).contains(second);
    assertThat(gridWorkers.workersOf(second)).containsExactly("grids_test_worker");
    assertThat(gridWorkers.gridOf("nobody")).isEmpty();
    assertThatThrownBy(() -> gridWorkers.assign("grids_test_worker",
        new Grid("zhangqiu", "xiuhui-99", "绣惠街道第99网格", "xiuhui", "某社区", true)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("xiuhui-99");
  }
}
