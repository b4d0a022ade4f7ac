/**
 * The dashboard (工作台) of the bureau's supervisors: the store's totals and charts, each from one aggregate, and
 * the pieces other pages draw their charts with ({@link org.fundwatch.serve.dashboard.ChartOption}, the names of
 * the violation types in {@link org.fundwatch.serve.dashboard.ViolationLabel}).
 * Values are non-null unless a parameter or result is an {@link java.util.Optional}.
 */
package org.fundwatch.serve.dashboard;
