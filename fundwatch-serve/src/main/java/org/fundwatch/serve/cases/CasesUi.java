package org.fundwatch.serve.cases;

import org.springframework.context.annotation.Configuration;

/** The cases feature of the UI: its controller and queries, wired explicitly. */
@Configuration(proxyBeanMethods = false)
public class CasesUi {
}
