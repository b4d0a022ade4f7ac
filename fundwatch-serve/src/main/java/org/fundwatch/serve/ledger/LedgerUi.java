package org.fundwatch.serve.ledger;

import org.springframework.context.annotation.Configuration;

/** The ledger feature of the UI: its controller and queries, wired explicitly. */
@Configuration(proxyBeanMethods = false)
public class LedgerUi {
}
