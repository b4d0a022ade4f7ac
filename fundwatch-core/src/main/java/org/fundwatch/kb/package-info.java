/**
 * 知识库 (knowledge base): turns the catalog's free-text restriction 限定支付范围 ({@code med_list.lmt_usescp}) into
 * item knowledge points in the {@code kb_item_limit} shape ({@link org.fundwatch.kb.RestrictionParser}). The public
 * API is {@link org.fundwatch.kb.RestrictionParser}, {@link org.fundwatch.kb.CatalogRestriction}, {@link
 * org.fundwatch.kb.ParsedRestriction}, {@link org.fundwatch.kb.ItemLimit} and {@link org.fundwatch.kb.LimitType};
 * the clause grammar and the disease table ({@code disease_icd10.csv}) are package-private.
 * Values are non-null unless a parameter or result is an {@link java.util.Optional}.
 */
package org.fundwatch.kb;
