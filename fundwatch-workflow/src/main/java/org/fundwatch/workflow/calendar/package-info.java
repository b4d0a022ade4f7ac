/** The working-day calendar (工作日历, with moved days 调休) that the workflow's deadlines count. */
package org.fundwatch.workflow.calendar;
