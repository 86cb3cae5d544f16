package cn.shudi;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The territorial-management list platform: Camunda engine, webapps and REST in one Spring Boot app. */
@SpringBootApplication
public class ShudiApplication {

  public static void main(String[] args) {
    SpringApplication.run(ShudiApplication.class, args);
  }
}
