package org.fundwatch.serve.feedback;

/** The message documented in the OpenAPI description. */
final class FeedbackExamples {
    static final String REQUEST = """
            {
              "infno": "3103", "msgid": "H00120260302093500001", "fixmedins_code": "H001",
              "input": {"data": {
                "warn_type": "1",
                "warns": [
                  {"warn_rslt_id": "8f1c0b3e5a7d4c2b9e6f0a1d3c5b7e9f", "dspo_way": "1",
                   "dspo_way_rea": "患者病情需要，已告知自费"},
                  {"warn_rslt_id": "0a1b2c3d4e5f60718293a4b5c6d7e8f9", "dspo_way": "2"}
                ]
              }}
            }""";

    private FeedbackExamples() {
    }
}
