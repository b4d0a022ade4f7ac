/** The append-only audit log of the workflow. */
package org.fundwatch.workflow.audit;
