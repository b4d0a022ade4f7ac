package org.fundwatch.serve.dashboard;

import org.springframework.context.annotation.Configuration;

/** The dashboard feature of the UI: its controller and queries, wired explicitly. */
@Configuration(proxyBeanMethods = false)
public class DashboardUi {
}
