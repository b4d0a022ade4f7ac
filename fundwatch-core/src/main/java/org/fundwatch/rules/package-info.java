/**
 * The rule base (规则库): violation types, rules as data ({@link org.fundwatch.rules.Rule}) loaded from a versioned
 * policy pack ({@link org.fundwatch.rules.PolicyPack}), and the templates in code that give each rule its meaning.
 * Values are non-null unless a parameter or result is an {@link java.util.Optional}.
 */
package org.fundwatch.rules;
