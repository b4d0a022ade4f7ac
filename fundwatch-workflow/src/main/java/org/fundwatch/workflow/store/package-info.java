/** The workflow store: PostgreSQL (embedded or a server), its pool and its Flyway migrations. */
package org.fundwatch.workflow.store;
