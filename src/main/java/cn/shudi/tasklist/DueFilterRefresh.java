package cn.shudi.tasklist;

import org.camunda.bpm.engine.OptimisticLockingException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Keeps 即将超期 and 已超期 current: rewrites their absolute due dates every
 * {@code shudi.tasklist.due-filter-refresh} (default 15 minutes), in one transaction. Why absolute dates
 * and why the windows are safe between two runs: see {@link TaskFilters}. The first run is one interval
 * after start-up; start-up itself sets the dates ({@link TasklistConfiguration}).
 */
class DueFilterRefresh {

  private static final Logger LOG = LoggerFactory.getLogger(DueFilterRefresh.class);

  private final TaskFilters filters;
  private final TransactionTemplate transaction;

  DueFilterRefresh(TaskFilters filters, TransactionTemplate transaction) {
    this.filters = filters;
    this.transaction = transaction;
  }

  @Scheduled(fixedDelayString = "${shudi.tasklist.due-filter-refresh:" + TasklistProperties.DEFAULT_REFRESH + "}",
      initialDelayString = "${shudi.tasklist.due-filter-refresh:" + TasklistProperties.DEFAULT_REFRESH + "}")
  public void refresh() {
    try {
      Integer refreshed = transaction.execute(status -> filters.refreshDueDates());
      LOG.debug("已更新 {} 个时间相关的 Tasklist 筛选器", refreshed);
    } catch (OptimisticLockingException e) {
      // another node refreshed the same filters at the same moment: its dates are as good as ours
      LOG.info("另一节点正在更新 Tasklist 筛选器，本次跳过：{}", e.getMessage());
    } catch (RuntimeException e) {
      LOG.warn("更新“即将超期/已超期”筛选器失败，下次定时再试", e);
    }
  }
}
