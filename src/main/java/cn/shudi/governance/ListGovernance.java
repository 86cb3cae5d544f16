package cn.shudi.governance;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;

import org.camunda.bpm.engine.impl.cfg.TransactionState;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.repository.DeploymentWithDefinitions;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import cn.shudi.blueprint.BlueprintDeployment;
import cn.shudi.catalog.Catalog;
import cn.shudi.catalog.CatalogLoader;
import cn.shudi.catalog.Catalogs;
import cn.shudi.catalog.Item;
import cn.shudi.organization.Jurisdiction;
import cn.shudi.organization.Organization;

/**
 * The versions of the counties' lists and which one is in force: the one truth of the list in force. The stored
 * versions ({@code shudi_catalog_version}) are the record; the newest version of a county is its list in force,
 * which {@link Catalogs} shows as a read view (it changes only through {@link Catalogs#serve}, called here). The
 * repository's catalog.csv is a proposal: start-up stores it as the next version when its 版本 is newer.
 * <ul>
 * <li>{@link #check}: a proposal applied to the list in force, validated, nothing stored;</li>
 * <li>{@link #approve}: the same on the newest stored version, then the item's blueprint deployed and the
 * version stored, all in the caller's transaction; the list is put in force once that commits;</li>
 * <li>{@link #synchronise} (start-up): the newer of the shipped catalog.csv and the stored versions is put in
 * force;</li>
 * <li>{@link #generatedItems} and {@link #deployGenerated} (start-up): one path from a list version to its
 * blueprints. An item in force as the repository ships it runs the blueprint of its file (deployed by
 * {@code BlueprintDeployment}); an item governance admitted or adjusted runs its generated blueprint, deployed
 * only here ({@link BlueprintPublisher}). The start-up deployment of the files leaves the generated items out, so
 * no blueprint is deployed from its file and generated both;</li>
 * <li>{@link #refresh}: another node's approvals are picked up (cluster).</li>
 * </ul>
 */
@Service
public class ListGovernance {

  private static final Logger LOG = LoggerFactory.getLogger(ListGovernance.class);

  /** The outcome of an approval: the version stored, or the problems that kept the list as it was. */
  record Approval(CatalogVersion version, Item item, VersionDiff diff, List<String> problems) {
    boolean applied() {
      return version != null;
    }
  }

  private final Organization organization;
  private final Catalogs catalogs;
  private final CatalogLoader loader;
  private final CatalogVersions versions;
  private final BlueprintPublisher publisher;

  ListGovernance(Organization organization, Catalogs catalogs, CatalogLoader loader, CatalogVersions versions,
      BlueprintPublisher publisher) {
    this.organization = organization;
    this.catalogs = catalogs;
    this.loader = loader;
    this.versions = versions;
    this.publisher = publisher;
  }

  // --- reading -----------------------------------------------------------------------------------

  public Jurisdiction jurisdiction(String code) {
    return organization.jurisdiction(code);
  }

  /** The stored versions of the county, oldest first (without their CSV text). */
  public List<CatalogVersion> versions(String jurisdiction) {
    return versions.list(jurisdiction);
  }

  public Optional<CatalogVersion> version(String jurisdiction, int number) {
    return versions.get(jurisdiction, number);
  }

  /** The version in force: the newest stored one. */
  public CatalogVersion current(String jurisdiction) {
    return versions.latest(jurisdiction)
        .orElseThrow(() -> new NoSuchElementException("辖区「" + jurisdiction + "」还没有清单版本"));
  }

  /** The list in force on this node. */
  public Catalog inForce(String jurisdiction) {
    return catalogs.of(jurisdiction);
  }

  /** The number of the version this node serves through {@link Catalogs}. */
  public int servedVersion(String jurisdiction) {
    return catalogs.version(jurisdiction);
  }

  /** A stored version read back into a list (with the county's units as they are now). */
  public Catalog catalog(CatalogVersion version) {
    byte[] bytes = version.csv().getBytes(StandardCharsets.UTF_8);
    return loader.load(version.jurisdiction() + " 清单第" + version.number() + "版（" + version.label() + "）",
        () -> new ByteArrayInputStream(bytes), jurisdiction(version.jurisdiction()));
  }

  public VersionDiff diff(CatalogVersion from, CatalogVersion to) {
    return VersionDiff.between(from.ref(), catalog(from), to.ref(), catalog(to));
  }

  // --- proposals and decisions -------------------------------------------------------------------

  /** The proposal applied to the list in force, validated; nothing is stored. */
  Amendment.Result check(Jurisdiction jurisdiction, Proposal proposal) {
    Catalog current = catalogs.of(jurisdiction.code());
    return Amendment.apply(current, proposal, jurisdiction, current.version(), today(jurisdiction), loader);
  }

  /**
   * Applies an approved proposal to the newest stored version: validates the whole new list, deploys the item's
   * blueprint, stores the version. Runs in the caller's (the engine's) transaction, so all of it commits with the
   * decision or none of it does; the list is put in force after the commit. With problems nothing is done.
   */
  Approval approve(Jurisdiction jurisdiction, Proposal proposal, String caseId, String decidedBy) {
    CatalogVersion base = current(jurisdiction.code());
    Catalog baseList = catalog(base);
    String label = VersionLabels.next(base.label(), versions.labels(jurisdiction.code()));
    LocalDate effective = today(jurisdiction);
    Amendment.Result result = Amendment.apply(baseList, proposal, jurisdiction, label, effective, loader);
    if (!result.valid()) {
      return new Approval(null, null, null, result.problems());
    }
    DeploymentWithDefinitions deployment = publisher.deploy(jurisdiction, List.of(result.item()));
    CatalogVersion version = new CatalogVersion(jurisdiction.code(), base.number() + 1, label, effective,
        result.csv(), proposal.admission() ? CatalogVersion.ADMISSION : CatalogVersion.ADJUSTMENT,
        result.item().code(), caseId, decidedBy, deployment.getId(), jurisdiction.now());
    versions.insert(version);
    VersionDiff diff = VersionDiff.between(base.ref(), baseList, version.ref(), result.catalog());
    afterCommit(() -> catalogs.serve(version.number(), result.catalog()));
    LOG.info("{}：清单第{}版（{}）已生效，{}「{} {}」，施工图部署 {}", jurisdiction.name(), version.number(), label,
        proposal.admission() ? "新增事项" : "调整事项", result.item().code(), result.item().name(), deployment.getId());
    return new Approval(version, result.item(), diff, List.of());
  }

  // --- start-up and cluster ----------------------------------------------------------------------

  /**
   * At start-up, per county: the first time, the shipped catalog.csv becomes version 1. Afterwards the newer of
   * the shipped list and the newest stored version is put in force: a shipped list whose 版本 is an older stored
   * version (or the newest) changes nothing; a shipped list with a newer 版本 (analysts committed a new list) is
   * stored as the next version. Runs in the caller's transaction; deploys nothing.
   */
  public void synchronise() {
    for (Jurisdiction jurisdiction : organization.jurisdictions()) {
      synchronise(jurisdiction);
    }
  }

  void synchronise(Jurisdiction jurisdiction) {
    String code = jurisdiction.code();
    Catalog shipped = catalogs.shipped(code);
    Optional<CatalogVersion> latest = versions.latest(code);
    if (latest.isEmpty()) {
      versions.insert(shippedVersion(jurisdiction, shipped, 1));
      catalogs.serve(1, shipped);
      LOG.info("{}：清单 {} 记为第1版", jurisdiction.name(), shipped.version());
      return;
    }
    CatalogVersion newest = latest.get();
    Optional<CatalogVersion> same = versions.byLabel(code, shipped.version());
    if (same.isPresent() && same.get().number() == newest.number()) {
      catalogs.serve(newest.number(), shipped);
      if (!CatalogRows.csv(shipped).equals(newest.csv())) {
        LOG.warn("{}：仓库中的清单 {} 与数据库中同一版本的内容不同：修改清单时请提高「版本」（以仓库中的为准）",
            jurisdiction.name(), shipped.version());
      }
    } else if (same.isEmpty() && VersionLabels.compare(shipped.version(), newest.label()) > 0) {
      CatalogVersion stored = shippedVersion(jurisdiction, shipped, newest.number() + 1);
      versions.insert(stored);
      catalogs.serve(stored.number(), shipped);
      LOG.info("{}：仓库中的清单 {} 比数据库中的第{}版（{}）新，记为第{}版", jurisdiction.name(), shipped.version(),
          newest.number(), newest.label(), stored.number());
    } else {
      if (same.isEmpty()) {
        LOG.warn("{}：仓库中的清单版本 {} 不在数据库中，也不比第{}版（{}）新：仍以数据库中的第{}版为准", jurisdiction.name(),
            shipped.version(), newest.number(), newest.label(), newest.number());
      }
      catalogs.serve(newest.number(), catalog(newest));
      LOG.info("{}：数据库中的清单第{}版（{}）比仓库中的 {} 新，以它为准", jurisdiction.name(), newest.number(),
          newest.label(), shipped.version());
    }
  }

  /**
   * The codes of the items in force whose blueprint is generated, not a file: those the shipped list does not have
   * as they are (admitted or adjusted by governance). The start-up deployment of the files leaves them out.
   */
  public Set<String> generatedItems(Jurisdiction jurisdiction) {
    Catalog shipped = catalogs.shipped(jurisdiction.code());
    Set<String> codes = new LinkedHashSet<>();
    for (Item item : catalogs.of(jurisdiction.code()).items()) {
      Optional<Item> asShipped = shipped.item(item.code());
      if (asShipped.isEmpty() || !asShipped.get().equals(item)) {
        codes.add(item.code());
      }
    }
    return codes;
  }

  /** {@link #deployGenerated(Jurisdiction)} for every county. */
  public void deployGenerated() {
    for (Jurisdiction jurisdiction : organization.jurisdictions()) {
      deployGenerated(jurisdiction);
    }
  }

  /**
   * The generated blueprints of the county's {@link #generatedItems} that are not in force: deployed (once, in one
   * governance deployment) when the definition in force is missing or came from the platform (a start-up
   * deployment of an older list, or an older generation); a blueprint an analyst deployed by hand since is left
   * alone. Normally every one is in force since its approval, and nothing is deployed.
   *
   * @return the items deployed
   */
  List<Item> deployGenerated(Jurisdiction jurisdiction) {
    Catalog inForce = catalogs.of(jurisdiction.code());
    List<Item> stale = new ArrayList<>();
    for (String code : generatedItems(jurisdiction)) {
      Item item = inForce.item(code).orElseThrow();
      ProcessDefinition latest = publisher.latest(jurisdiction, item);
      if (publisher.isInForce(jurisdiction, item, latest)) {
        continue;
      }
      String source = latest == null ? null : publisher.sourceOf(latest);
      if (latest == null || BlueprintDeployment.SOURCE.equals(source) || BlueprintPublisher.SOURCE.equals(source)) {
        stale.add(item);
      } else {
        LOG.info("{}：事项 {} 的施工图由分析员另行部署（{}），保留", jurisdiction.name(), item.code(), source);
      }
    }
    if (!stale.isEmpty()) {
      DeploymentWithDefinitions deployment = publisher.deploy(jurisdiction, stale);
      LOG.info("{}：按清单第{}版生成并部署 {} 个事项的施工图（{}）", jurisdiction.name(), servedVersion(jurisdiction.code()),
          stale.size(), deployment.getId());
    }
    return stale;
  }

  /** Picks up versions another node approved. */
  void refresh() {
    for (Jurisdiction jurisdiction : organization.jurisdictions()) {
      int newest = versions.latestNumber(jurisdiction.code());
      if (newest > servedVersion(jurisdiction.code())) {
        versions.get(jurisdiction.code(), newest).ifPresent(v -> {
          if (catalogs.serve(v.number(), catalog(v)).isPresent()) {
            LOG.info("{}：清单第{}版（{}）已在其他节点生效，本节点同步", jurisdiction.name(), v.number(), v.label());
          }
        });
      }
    }
  }

  private static CatalogVersion shippedVersion(Jurisdiction jurisdiction, Catalog shipped, int number) {
    return new CatalogVersion(shipped.jurisdiction(), number, shipped.version(), shipped.effectiveDate(),
        CatalogRows.csv(shipped), CatalogVersion.SHIPPED, null, null, null, null, jurisdiction.now());
  }

  /** Runs when the current transaction commits (the engine's, or Spring's), at once without one. */
  private static void afterCommit(Runnable action) {
    CommandContext command = Context.getCommandContext();
    if (command != null) {
      command.getTransactionContext().addTransactionListener(TransactionState.COMMITTED, c -> action.run());
    } else if (TransactionSynchronizationManager.isSynchronizationActive()) {
      TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
        @Override
        public void afterCommit() {
          action.run();
        }
      });
    } else {
      action.run();
    }
  }

  /** Today in the county (the engine's clock, the county's time zone). */
  static LocalDate today(Jurisdiction jurisdiction) {
    return jurisdiction.now().toLocalDate();
  }
}
