/** The doubt-handling state machine (疑点处理): actions, states, tracks, measures, deadlines and the audit log. */
package org.fundwatch.workflow.cases;
