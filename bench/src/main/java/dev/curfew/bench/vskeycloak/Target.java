package dev.curfew.bench.vskeycloak;

/** One server under test: its name in the table, how to reach it and its admin API, and its java process. */
record Target(String name, Http http, Admin admin, ServerProcess process) {}
