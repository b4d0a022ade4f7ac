package org.fundwatch.serve.institutions;

import org.springframework.context.annotation.Configuration;

/** The institutions feature of the UI: its controller and queries, wired explicitly. */
@Configuration(proxyBeanMethods = false)
public class InstitutionsUi {
}
