///usr/bin/env jbang "$0" "$@" ; exit $?
//DESCRIPTION Migrates an AIM v12 point-of-sale database (SQL Server, or the embedded sample) into Helm's Cloudflare D1 schema.
//JAVA 17+
//JAVA_OPTIONS --enable-native-access=ALL-UNNAMED -XX:+UseSerialGC -Xms64m -XX:TieredStopAtLevel=1 -Xshare:auto
//MANIFEST Enable-Native-Access=ALL-UNNAMED
//COMPILE_OPTIONS -encoding UTF-8
//DEPS info.picocli:picocli:4.7.7
//DEPS org.xerial:sqlite-jdbc:3.53.2.1
//DEPS com.h2database:h2:2.3.232
//DEPS com.microsoft.sqlserver:mssql-jdbc:12.10.2.jre11
//DEPS com.fasterxml.jackson.jr:jackson-jr-objects:2.22.4
//DEPS com.googlecode.libphonenumber:libphonenumber:9.0.43
//DEPS org.apache.commons:commons-csv:1.14.1
//DEPS me.tongfei:progressbar:0.10.2
//SOURCES lib/**/*.java
//FILES sample/aim-v12.sql=lib/sample/aim-v12.sql
// ./jbang class-data training run: --all --sample --quiet --out OUT
// (./jbang archives the classes that run loads, once per build, for every run after it to map at start)

import lib.cli.WarmEntry;

/** Entry script; the options and modes are declared in lib/cli/MigrateAimCommand.java, the work lives in lib/. */
public class MigrateAim {
    public static void main(String... args) {
        System.exit(WarmEntry.migrateAim(args)); // with env AIM_WARM=1, in a warm JVM when one waits (lib/core/WarmJvm.java)
    }
}
