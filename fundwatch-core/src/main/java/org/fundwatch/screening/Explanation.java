package org.fundwatch.screening;

/** 疑点说明: the sentence a reviewer reads ({@code vola_cont} and its English twin) and the basis ({@code vola_evid}). */
public record Explanation(String zh, String en, String evidence) {
}
