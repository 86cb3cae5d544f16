package cn.shudi.governance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;

import cn.shudi.catalog.Catalog;
import cn.shudi.catalog.Catalogs;

/** {@link Catalogs#serve}: one county's list is swapped whole, by stored version number, while others read. */
class CatalogsReplaceTest {

  static Catalog list(String jurisdiction, String version) {
    return new Catalog(jurisdiction, "清单", version, LocalDate.of(2024, 1, 1), List.of());
  }

  @Test
  void replacesOneCountysListAndKeepsTheOrder() {
    Catalog zhangqiu = list("zhangqiu", "2024.1");
    Catalog yunxi = list("yunxi", "2023.1");
    Catalogs catalogs = new Catalogs(List.of(zhangqiu, yunxi));
    Catalog next = list("zhangqiu", "2024.2");

    assertThat(catalogs.version("zhangqiu")).as("the shipped list, not yet from the store").isZero();
    assertThat(catalogs.serve(1, next)).containsSame(zhangqiu);
    assertThat(catalogs.of("zhangqiu")).isSameAs(next);
    assertThat(catalogs.version("zhangqiu")).isEqualTo(1);
    assertThat(catalogs.of("yunxi")).isSameAs(yunxi);
    assertThat(catalogs.all()).containsExactly(next, yunxi);
    assertThat(catalogs.shipped("zhangqiu")).as("the proposal stays what the file said").isSameAs(zhangqiu);
    assertThat(catalogs.serve(1, list("zhangqiu", "2024.3"))).as("not newer: kept").isEmpty();
    assertThat(catalogs.of("zhangqiu")).isSameAs(next);
    assertThatThrownBy(() -> catalogs.serve(1, list("nowhere", "1"))).isInstanceOf(NoSuchElementException.class);
  }

  @Test
  void readersSeeAWholeListWhileItIsReplaced() throws InterruptedException {
    Catalogs catalogs = new Catalogs(List.of(list("zhangqiu", "0"), list("yunxi", "0")));
    AtomicBoolean done = new AtomicBoolean();
    ConcurrentLinkedQueue<String> wrong = new ConcurrentLinkedQueue<>();
    List<Thread> readers = new ArrayList<>();
    for (int r = 0; r < 4; r++) {
      Thread reader = new Thread(() -> {
        while (!done.get()) {
          List<Catalog> all = catalogs.all();
          if (all.size() != 2 || !all.get(0).jurisdiction().equals("zhangqiu") || catalogs.of("yunxi") == null) {
            wrong.add(String.valueOf(all));
          }
        }
      });
      reader.start();
      readers.add(reader);
    }
    List<Thread> writers = new ArrayList<>();
    for (String county : List.of("zhangqiu", "yunxi")) {
      Thread writer = new Thread(() -> {
        for (int v = 1; v <= 2000; v++) {
          catalogs.serve(v, list(county, String.valueOf(v)));
        }
      });
      writer.start();
      writers.add(writer);
    }
    for (Thread writer : writers) {
      writer.join();
    }
    done.set(true);
    for (Thread reader : readers) {
      reader.join();
    }
    assertThat(wrong).isEmpty();
    assertThat(catalogs.of("zhangqiu").version()).as("no replacement lost").isEqualTo("2000");
    assertThat(catalogs.of("yunxi").version()).isEqualTo("2000");
  }
}
