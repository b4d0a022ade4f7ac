package org.fundwatch.serve.fsi;

/** The messages documented in the OpenAPI description. */
final class FsiExamples {
    /** 3102, outpatient settlement: amoxicillin at 0.35 yuan a capsule, above its cap. */
    static final String REQUEST_3102 = """
            {
              "infno": "3102", "msgid": "H00120260302093000001", "mdtrtarea_admvs": "430100",
              "insuplc_admdvs": "430100", "recer_sys_code": "FSI", "dev_no": "", "dev_safe_info": "", "cainfo": "",
              "signtype": "", "infver": "V1.0", "opter_type": "1", "opter": "D001", "opter_name": "张医生",
              "inf_time": "2026-03-02 09:30:00", "fixmedins_code": "H001", "fixmedins_name": "示例医院",
              "sign_no": "",
              "input": {"data": {
                "syscode": "HIS", "task_id": "T0001", "trig_scen": 6,
                "patient_dtos": [{
                  "patn_id": "P0001", "patn_name": "李四", "gend": "1", "brdy": "1960-05-01", "poolarea": "430100",
                  "curr_mdtrt_id": "MD0001",
                  "fsi_encounter_dtos": [{
                    "mdtrt_id": "MD0001", "medins_id": "H001", "medins_name": "示例医院", "medins_type": "1",
                    "medins_lv": "2", "med_type": "11", "insutype": "310",
                    "adm_date": "2026-03-02 09:00:00", "dscg_main_dise_codg": "J06.9",
                    "fsi_diagnose_dtos": [{"dise_id": "1", "inout_dise_type": "1", "maindise_flag": "1",
                                           "dias_srt_no": "1", "dise_codg": "J06.9", "dise_name": "急性上呼吸道感染"}],
                    "fsi_order_dtos": [{"rx_id": "F0001", "rxno": "RX0001", "hilist_code": "XJ01CAA040E001010101234",
                                        "hilist_name": "阿莫西林胶囊", "hosplist_name": "阿莫西林胶囊", "cnt": 36,
                                        "pric": 0.35, "sumamt": 12.60, "ownpay_amt": 0, "selfpay_amt": 0,
                                        "drord_begn_date": "2026-03-02 09:10:00", "curr_drord_flag": "1"}]
                  }]
                }]
              }}
            }""";

    /** 3101, outpatient charge registration (事前): the same order before settlement. */
    static final String REQUEST_3101 = """
            {
              "infno": "3101", "msgid": "H00120260302091500001", "fixmedins_code": "H001",
              "inf_time": "2026-03-02 09:15:00",
              "input": {"data": {
                "syscode": "HIS", "task_id": "T0002", "trig_scen": 2,
                "patient_dtos": [{
                  "patn_id": "P0001", "gend": "1", "brdy": "1960-05-01", "curr_mdtrt_id": "MD0001",
                  "fsi_encounter_dtos": [{
                    "mdtrt_id": "MD0001", "medins_id": "H001", "medins_type": "1", "medins_lv": "2",
                    "med_type": "11", "insutype": "310", "adm_date": "2026-03-02 09:00:00",
                    "fsi_diagnose_dtos": [{"maindise_flag": "1", "dise_codg": "J06.9"}],
                    "fsi_order_dtos": [{"rx_id": "F0001", "hilist_code": "XJ01CAA040E001010101234", "cnt": 36,
                                        "pric": 0.35, "sumamt": 12.60, "drord_begn_date": "2026-03-02 09:10:00",
                                        "curr_drord_flag": "1"}]
                  }]
                }]
              }}
            }""";

    private FsiExamples() {
    }
}
