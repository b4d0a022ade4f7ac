/** Loading a screening run's findings, and the case file they refer to, into the workflow store. */
package org.fundwatch.workflow.loading;
