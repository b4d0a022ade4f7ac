package org.fundwatch.serve.fsi;

import org.fundwatch.serve.access.Caller;
import org.fundwatch.serve.wire.MessageNode;
import org.fundwatch.serve.wire.Refusal;

/**
 * The national message envelope (通用输入): {@code infno}, {@code msgid}, {@code fixmedins_code}, … and
 * {@code input.data}. The other envelope fields ({@code mdtrtarea_admvs}, {@code insuplc_admdvs},
 * {@code recer_sys_code}, {@code dev_no}, {@code dev_safe_info}, {@code cainfo}, {@code signtype}, {@code infver},
 * {@code opter_type}, {@code opter}, {@code opter_name}, {@code inf_time}, {@code fixmedins_name},
 * {@code sign_no}) are accepted and not used.
 */
record FsiMessage(String infno, String msgid, String fixmedinsCode, MessageNode data) {

    /**
     * Reads the envelope of a message sent to interface {@code infno}; the caller must speak for its
     * {@code fixmedins_code} (403), and an {@code infno} in the message must be this interface's.
     */
    static FsiMessage read(MessageNode root, String infno, Caller caller) {
        String msgid = root.text("msgid");
        caller.noteMessage(msgid);
        root.optText("infno").filter(n -> !n.equals(infno)).ifPresent(n -> {
            throw Refusal.badField("infno", n + " sent to the endpoint of " + infno);
        });
        String fixmedinsCode = root.text("fixmedins_code");
        caller.mayActFor(fixmedinsCode, "fixmedins_code");
        MessageNode data = root.object("input").object("data");
        return new FsiMessage(infno, msgid, fixmedinsCode, data);
    }
}
