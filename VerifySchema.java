///usr/bin/env jbang "$0" "$@" ; exit $?
//DESCRIPTION Compares the schema the Helm spec defines with an actual database, migrations folder or schema dump.
//JAVA 17+
//JAVA_OPTIONS --enable-native-access=ALL-UNNAMED -XX:+UseSerialGC -Xms16m -XX:TieredStopAtLevel=1
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

import lib.cli.Cli;
import lib.cli.VerifySchemaCommand;

/** Entry script; options and work live in lib/cli/VerifySchemaCommand.java. */
public class VerifySchema {
    public static void main(String... args) {
        System.exit(Cli.execute(new VerifySchemaCommand(), args));
    }
}
