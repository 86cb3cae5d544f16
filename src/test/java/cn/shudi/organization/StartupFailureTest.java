package cn.shudi.organization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.core.NestedExceptionUtils;

import cn.shudi.ShudiApplication;

/** A bad organization stops start-up with a clear message, and leaves nothing half-provisioned. */
@Tag("own-application")
class StartupFailureTest {

  @TempDir
  Path dir;

  String h2Url() {
    return "jdbc:h2:file:" + dir.resolve("db/shudi").toAbsolutePath() + ";DB_CLOSE_ON_EXIT=FALSE";
  }

  Throwable start(String... properties) {
    String[] all = new String[properties.length + 3];
    all[0] = "--spring.datasource.url=" + h2Url();
    all[1] = "--server.port=0";
    all[2] = "--spring.main.banner-mode=off";
    System.arraycopy(properties, 0, all, 3, properties.length);
    Throwable[] failure = new Throwable[1];
    assertThatThrownBy(() -> new SpringApplicationBuilder(ShudiApplication.class).run(all).close())
        .satisfies(t -> failure[0] = t);
    return NestedExceptionUtils.getMostSpecificCause(failure[0]);
  }

  long count(String table) throws SQLException {
    try (Connection c = DriverManager.getConnection(h2Url(), "sa", "");
        ResultSet tables = c.getMetaData().getTables(null, null, table, null)) {
      if (!tables.next()) {
        return 0;
      }
      try (ResultSet rs = c.createStatement().executeQuery("select count(*) from " + table)) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  @Test
  void aMalformedUnitsFileStopsStartUpNamingFileLineAndProblem() throws IOException, SQLException {
    Path data = dir.resolve("jurisdictions");
    Files.createDirectories(data.resolve("zq"));
    Files.writeString(data.resolve("jurisdictions.csv"), "code,name,short_name,prefecture,time_zone\nzq,济南市章丘区,章丘区,济南市,Asia/Shanghai\n");
    Files.writeString(data.resolve("zq/units.csv"), """
        code,name,short_name,type
        command,章丘区社会治理网格化服务中心,区指挥中心,command_centre
        bianban,区委编办,区委编办,establishment_office
        market,章丘区市场监督管理局,区市场监管局,depatment
        mingshui,明水街道办事处,明水街道,township
        """);
    Throwable cause = start("--shudi.organization.location=" + data.toUri());
    assertThat(cause.getMessage()).contains("zq/units.csv 第4行 列「type」").contains("depatment");
    assertThat(count("ACT_ID_GROUP")).isZero();
    assertThat(count("ACT_ID_TENANT")).isZero();
  }

  @Test
  void aFailureHalfwayThroughProvisioningRollsEverythingBack() throws SQLException {
    // groups and tenants come first; the demo users fail on the password policy afterwards
    Throwable cause = start("--shudi.organization.demo.password=weak");
    assertThat(cause.getMessage()).contains("Password does not match policy");
    assertThat(count("ACT_ID_TENANT")).isZero();
    assertThat(count("ACT_ID_GROUP")).as("only the starter's camunda-admin group may exist").isLessThanOrEqualTo(1);
    assertThat(count("ACT_RU_AUTHORIZATION")).as("no unit grants").isLessThan(50);
  }
}
