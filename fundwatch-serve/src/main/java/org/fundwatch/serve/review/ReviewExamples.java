package org.fundwatch.serve.review;

/** The request documented in the OpenAPI description (a drug above its price cap). */
final class ReviewExamples {
    static final String REQUEST = """
            {
              "moment": "DURING",
              "scene": 6,
              "person": {"psn_no": "P0001", "gend": "1", "brdy": "1960-05-01"},
              "institution": {"fixmedins_code": "H001", "fixmedins_type": "1", "medins_lv": "2"},
              "visit": {"mdtrt_id": "MD0001", "med_type": "11", "insutype": "310",
                        "begntime": "2026-03-02 09:00:00", "setl_time": "2026-03-02 09:30:00",
                        "fund_amt": 12.60, "maindiag_code": "J06.9", "diagnoses": ["J06.9"]},
              "lines": [
                {"feedetl_sn": "F0001", "med_list_codg": "XJ01CAA040E001010101234", "medins_list_name": "阿莫西林胶囊",
                 "fee_ocur_time": "2026-03-02 09:10:00", "cnt": 36, "pric": 0.35, "det_item_fee_sumamt": 12.60}
              ]
            }""";

    private ReviewExamples() {
    }
}
