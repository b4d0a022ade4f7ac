package org.fundwatch.serve.ledger;

/** What money a ledger entry ({@code ledger_entry.kind}) books against an institution. */
public enum LedgerKind {
    /** 拒付/扣款: payment refused or deducted under the service agreement. */
    DEDUCTION("拒付/扣款", "Refused or deducted"),
    /** 追回: money recovered under an administrative penalty. */
    RECOVERY("追回", "Recovered"),
    /** 违约金: liquidated damages under the service agreement. */
    LIQUIDATED_DAMAGES("违约金", "Liquidated damages"),
    /** 罚款: the fine of an administrative penalty. */
    FINE("罚款", "Fine");

    private final String zh;
    private final String en;

    LedgerKind(String zh, String en) {
        this.zh = zh;
        this.en = en;
    }

    public String zh() {
        return zh;
    }

    public String en() {
        return en;
    }
}
