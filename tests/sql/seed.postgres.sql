CREATE TABLE units (
  "单位" VARCHAR,
  "年初预算" DECIMAL,
  "预算执行金额" DECIMAL,
  "预算调整金额" DECIMAL,
  "结转结余金额" DECIMAL,
  "工作规划评价" VARCHAR,
  "符合总体规划" BOOLEAN,
  "目标细化分解" BOOLEAN,
  "任务可以实现" BOOLEAN,
  "在职人员数" INT,
  "编制数" INT,
  "本年三公经费预算" DECIMAL,
  "上年三公经费预算" DECIMAL,
  "重点项目支出" DECIMAL,
  "项目总支出" DECIMAL,
  "第一季度支出进度达标" BOOLEAN,
  "第二季度支出进度达标" BOOLEAN,
  "第三季度支出进度达标" BOOLEAN,
  "十一月底支出进度达标" BOOLEAN,
  "公用经费实际支出" DECIMAL,
  "公用经费预算" DECIMAL,
  "三公经费实际支出" DECIMAL,
  "政府采购支出" DECIMAL,
  "政府采购预算" DECIMAL,
  "预算管理制度评价" VARCHAR,
  "资金使用违规数" INT,
  "按规定公开预决算" BOOLEAN,
  "按规定公开三公经费" BOOLEAN,
  "基础数据真实完整" BOOLEAN,
  "会计信息真实完整" BOOLEAN,
  "资产管理制度评价" VARCHAR,
  "资产管理问题数" INT,
  "固定资产总额" DECIMAL,
  "在用固定资产总额" DECIMAL,
  "实际完成率" DECIMAL,
  "质量达标得分" DECIMAL,
  "质量达标等次" VARCHAR,
  "重点工作评价" VARCHAR,
  "经济效益评价" VARCHAR,
  "社会效益评价" VARCHAR,
  "生态效益评价" VARCHAR,
  "满意度" DECIMAL,
  "上年结转金额" DECIMAL,
  "其他调整资金" DECIMAL
);

SELECT
  "单位",
  CAST(_s15 * 0.01 AS DECIMAL(18, 2)) AS "工作规划合理性",
  CAST(_s17 * 0.01 AS DECIMAL(18, 2)) AS "工作目标明确性",
  CAST(_s26 * 0.01 AS DECIMAL(18, 2)) AS "在职人员控制率",
  CAST(_s35 * 0.01 AS DECIMAL(18, 2)) AS "“三公经费”变动率",
  CAST(_s40 * 0.01 AS DECIMAL(18, 2)) AS "重点支出安排率",
  CAST(_s47 * 0.01 AS DECIMAL(18, 2)) AS "预算完成率",
  CAST(_s52 * 0.01 AS DECIMAL(18, 2)) AS "预算调整率",
  CAST(_s62 * 0.01 AS DECIMAL(18, 2)) AS "支付进度",
  CAST(_s70 * 0.01 AS DECIMAL(18, 2)) AS "结转结余率",
  CAST(_s73 * 0.01 AS DECIMAL(18, 2)) AS "公用经费控制率",
  CAST(_s82 * 0.01 AS DECIMAL(18, 2)) AS "“三公经费”控制率",
  CAST(_s87 * 0.01 AS DECIMAL(18, 2)) AS "政府采购执行率",
  CAST(_s91 * 0.01 AS DECIMAL(18, 2)) AS "管理制度健全性",
  CAST(_s95 * 0.01 AS DECIMAL(18, 2)) AS "资金使用合规性",
  CAST(_s97 * 0.01 AS DECIMAL(18, 2)) AS "预决算信息公开性",
  CAST(_s99 * 0.01 AS DECIMAL(18, 2)) AS "基础信息完善性",
  CAST(_s103 * 0.01 AS DECIMAL(18, 2)) AS "资产管理制度健全性",
  CAST(_s107 * 0.01 AS DECIMAL(18, 2)) AS "资产管理安全性",
  CAST(_s112 * 0.01 AS DECIMAL(18, 2)) AS "固定资产利用率",
  CAST(_s117 * 0.01 AS DECIMAL(18, 2)) AS "完成实绩情况",
  CAST(_s119 * 0.01 AS DECIMAL(18, 2)) AS "质量达标情况",
  CAST(_s123 * 0.01 AS DECIMAL(18, 2)) AS "重点工作完成情况",
  CAST(_s127 * 0.01 AS DECIMAL(18, 2)) AS "经济效益",
  CAST(_s131 * 0.01 AS DECIMAL(18, 2)) AS "社会效益",
  CAST(_s135 * 0.01 AS DECIMAL(18, 2)) AS "生态效益",
  CAST(_s140 * 0.01 AS DECIMAL(18, 2)) AS "社会公众或服务对象满意度",
  CAST(_g149 * 0.01 AS DECIMAL(18, 2)) AS "投入",
  CAST(_g148 * 0.01 AS DECIMAL(18, 2)) AS "工作目标设定",
  CAST(_g147 * 0.01 AS DECIMAL(18, 2)) AS "预算配置",
  CAST(_g146 * 0.01 AS DECIMAL(18, 2)) AS "过程",
  CAST(_g145 * 0.01 AS DECIMAL(18, 2)) AS "预算执行",
  CAST(_g144 * 0.01 AS DECIMAL(18, 2)) AS "预算管理",
  CAST(_g143 * 0.01 AS DECIMAL(18, 2)) AS "资产管理",
  CAST(_g142 * 0.01 AS DECIMAL(18, 2)) AS "产出",
  CAST(_g142 * 0.01 AS DECIMAL(18, 2)) AS "职责履行",
  CAST(_g141 * 0.01 AS DECIMAL(18, 2)) AS "效果",
  CAST(_g141 * 0.01 AS DECIMAL(18, 2)) AS "履职效益",
  CAST(_t150 * 0.01 AS DECIMAL(18, 2)) AS "total",
  CASE
    WHEN _t150 >= 9000
    THEN '优'
    WHEN _t150 >= 8000
    THEN '良'
    WHEN _t150 >= 6000
    THEN '中'
    ELSE '差'
  END AS "grade",
  CONCAT_WS(
    '; ',
    NULLIF(
      CONCAT_WS(
        '; ',
        CASE WHEN NOT _p0 IS NULL AND _p0 <> 'D002' THEN _p0 || ' 年初预算' END,
        CASE WHEN NOT _p1 IS NULL AND _p1 <> 'D002' THEN _p1 || ' 预算执行金额' END,
        CASE WHEN NOT _p2 IS NULL AND _p2 <> 'D002' THEN _p2 || ' 预算调整金额' END,
        CASE WHEN NOT _p3 IS NULL AND _p3 <> 'D002' THEN _p3 || ' 结转结余金额' END,
        CASE WHEN NOT _p4 IS NULL AND _p4 <> 'D002' THEN _p4 || ' 工作规划评价' END,
        CASE WHEN NOT _p5 IS NULL AND _p5 <> 'D002' THEN _p5 || ' 符合总体规划' END,
        CASE WHEN NOT _p6 IS NULL AND _p6 <> 'D002' THEN _p6 || ' 目标细化分解' END,
        CASE WHEN NOT _p7 IS NULL AND _p7 <> 'D002' THEN _p7 || ' 任务可以实现' END,
        CASE WHEN NOT _p8 IS NULL AND _p8 <> 'D002' THEN _p8 || ' 在职人员数' END,
        CASE WHEN NOT _p9 IS NULL AND _p9 <> 'D002' THEN _p9 || ' 编制数' END,
        CASE WHEN NOT _p10 IS NULL AND _p10 <> 'D002' THEN _p10 || ' 本年三公经费预算' END,
        CASE WHEN NOT _p11 IS NULL AND _p11 <> 'D002' THEN _p11 || ' 上年三公经费预算' END,
        CASE WHEN NOT _p12 IS NULL AND _p12 <> 'D002' THEN _p12 || ' 重点项目支出' END,
        CASE WHEN NOT _p13 IS NULL AND _p13 <> 'D002' THEN _p13 || ' 项目总支出' END,
        CASE WHEN NOT _p14 IS NULL AND _p14 <> 'D002' THEN _p14 || ' 第一季度支出进度达标' END,
        CASE WHEN NOT _p15 IS NULL AND _p15 <> 'D002' THEN _p15 || ' 第二季度支出进度达标' END,
        CASE WHEN NOT _p18 IS NULL AND _p18 <> 'D002' THEN _p18 || ' 公用经费实际支出' END,
        CASE WHEN NOT _p19 IS NULL AND _p19 <> 'D002' THEN _p19 || ' 公用经费预算' END,
        CASE WHEN NOT _p20 IS NULL AND _p20 <> 'D002' THEN _p20 || ' 三公经费实际支出' END,
        CASE WHEN NOT _p21 IS NULL AND _p21 <> 'D002' THEN _p21 || ' 政府采购支出' END,
        CASE WHEN NOT _p22 IS NULL AND _p22 <> 'D002' THEN _p22 || ' 政府采购预算' END,
        CASE WHEN NOT _p23 IS NULL AND _p23 <> 'D002' THEN _p23 || ' 预算管理制度评价' END,
        CASE WHEN NOT _p24 IS NULL AND _p24 <> 'D002' THEN _p24 || ' 资金使用违规数' END,
        CASE WHEN NOT _p25 IS NULL AND _p25 <> 'D002' THEN _p25 || ' 按规定公开预决算' END,
        CASE WHEN NOT _p26 IS NULL AND _p26 <> 'D002' THEN _p26 || ' 按规定公开三公经费' END,
        CASE WHEN NOT _p27 IS NULL AND _p27 <> 'D002' THEN _p27 || ' 基础数据真实完整' END,
        CASE WHEN NOT _p28 IS NULL AND _p28 <> 'D002' THEN _p28 || ' 会计信息真实完整' END,
        CASE WHEN NOT _p29 IS NULL AND _p29 <> 'D002' THEN _p29 || ' 资产管理制度评价' END,
        CASE WHEN NOT _p30 IS NULL AND _p30 <> 'D002' THEN _p30 || ' 资产管理问题数' END,
        CASE WHEN NOT _p31 IS NULL AND _p31 <> 'D002' THEN _p31 || ' 固定资产总额' END,
        CASE WHEN NOT _p32 IS NULL AND _p32 <> 'D002' THEN _p32 || ' 在用固定资产总额' END,
        CASE WHEN NOT _p33 IS NULL AND _p33 <> 'D002' THEN _p33 || ' 实际完成率' END,
        CASE WHEN NOT _p34 IS NULL AND _p34 <> 'D002' THEN _p34 || ' 质量达标得分' END,
        CASE WHEN NOT _p35 IS NULL AND _p35 <> 'D002' THEN _p35 || ' 质量达标等次' END,
        CASE WHEN NOT _p36 IS NULL AND _p36 <> 'D002' THEN _p36 || ' 重点工作评价' END,
        CASE WHEN NOT _p37 IS NULL AND _p37 <> 'D002' THEN _p37 || ' 经济效益评价' END,
        CASE WHEN NOT _p38 IS NULL AND _p38 <> 'D002' THEN _p38 || ' 社会效益评价' END,
        CASE WHEN NOT _p39 IS NULL AND _p39 <> 'D002' THEN _p39 || ' 生态效益评价' END,
        CASE WHEN NOT _p40 IS NULL AND _p40 <> 'D002' THEN _p40 || ' 满意度' END,
        CASE WHEN NOT _p41 IS NULL AND _p41 <> 'D002' THEN _p41 || ' 上年结转金额' END,
        CASE WHEN NOT _p42 IS NULL AND _p42 <> 'D002' THEN _p42 || ' 其他调整资金' END,
        CASE WHEN _p0 = 'D002' THEN 'D002 年初预算' END,
        CASE WHEN _p1 = 'D002' THEN 'D002 预算执行金额' END,
        CASE WHEN _p2 = 'D002' THEN 'D002 预算调整金额' END,
        CASE WHEN _p3 = 'D002' THEN 'D002 结转结余金额' END,
        CASE WHEN _p4 = 'D002' THEN 'D002 工作规划评价' END,
        CASE WHEN _p5 = 'D002' THEN 'D002 符合总体规划' END,
        CASE WHEN _p6 = 'D002' THEN 'D002 目标细化分解' END,
        CASE WHEN _p7 = 'D002' THEN 'D002 任务可以实现' END,
        CASE WHEN _p8 = 'D002' THEN 'D002 在职人员数' END
      ),
      ''
    ),
    NULLIF(
      CONCAT_WS(
        '; ',
        CASE WHEN _p9 = 'D002' THEN 'D002 编制数' END,
        CASE WHEN _p10 = 'D002' THEN 'D002 本年三公经费预算' END,
        CASE WHEN _p11 = 'D002' THEN 'D002 上年三公经费预算' END,
        CASE WHEN _p12 = 'D002' THEN 'D002 重点项目支出' END,
        CASE WHEN _p13 = 'D002' THEN 'D002 项目总支出' END,
        CASE WHEN _p14 = 'D002' THEN 'D002 第一季度支出进度达标' END,
        CASE WHEN _p15 = 'D002' THEN 'D002 第二季度支出进度达标' END,
        CASE WHEN _p18 = 'D002' THEN 'D002 公用经费实际支出' END,
        CASE WHEN _p19 = 'D002' THEN 'D002 公用经费预算' END,
        CASE WHEN _p20 = 'D002' THEN 'D002 三公经费实际支出' END,
        CASE WHEN _p21 = 'D002' THEN 'D002 政府采购支出' END,
        CASE WHEN _p22 = 'D002' THEN 'D002 政府采购预算' END,
        CASE WHEN _p23 = 'D002' THEN 'D002 预算管理制度评价' END,
        CASE WHEN _p24 = 'D002' THEN 'D002 资金使用违规数' END,
        CASE WHEN _p25 = 'D002' THEN 'D002 按规定公开预决算' END,
        CASE WHEN _p26 = 'D002' THEN 'D002 按规定公开三公经费' END,
        CASE WHEN _p27 = 'D002' THEN 'D002 基础数据真实完整' END,
        CASE WHEN _p28 = 'D002' THEN 'D002 会计信息真实完整' END,
        CASE WHEN _p29 = 'D002' THEN 'D002 资产管理制度评价' END,
        CASE WHEN _p30 = 'D002' THEN 'D002 资产管理问题数' END,
        CASE WHEN _p31 = 'D002' THEN 'D002 固定资产总额' END,
        CASE WHEN _p32 = 'D002' THEN 'D002 在用固定资产总额' END,
        CASE WHEN _p33 = 'D002' THEN 'D002 实际完成率' END,
        CASE WHEN _p34 = 'D002' THEN 'D002 质量达标得分' END,
        CASE WHEN _p35 = 'D002' THEN 'D002 质量达标等次' END,
        CASE WHEN _p36 = 'D002' THEN 'D002 重点工作评价' END,
        CASE WHEN _p37 = 'D002' THEN 'D002 经济效益评价' END,
        CASE WHEN _p38 = 'D002' THEN 'D002 社会效益评价' END,
        CASE WHEN _p39 = 'D002' THEN 'D002 生态效益评价' END,
        CASE WHEN _p40 = 'D002' THEN 'D002 满意度' END,
        CASE WHEN _p41 = 'D002' THEN 'D002 上年结转金额' END,
        CASE WHEN _p42 = 'D002' THEN 'D002 其他调整资金' END,
        CASE
          WHEN _c14 IN ('D005', 'D006')
          THEN _c14 || ' 工作规划合理性'
          WHEN NOT _c14 IS NULL
          THEN 'D008 工作规划合理性'
        END,
        CASE
          WHEN _c16 IN ('D005', 'D006')
          THEN _c16 || ' 工作目标明确性'
          WHEN NOT _c16 IS NULL
          THEN 'D008 工作目标明确性'
        END,
        CASE
          WHEN _c25 IN ('D005', 'D006')
          THEN _c25 || ' 在职人员控制率'
          WHEN NOT _c25 IS NULL
          THEN 'D008 在职人员控制率'
        END,
        CASE
          WHEN _c34 IN ('D005', 'D006')
          THEN _c34 || ' “三公经费”变动率'
          WHEN NOT _c34 IS NULL
          THEN 'D008 “三公经费”变动率'
        END,
        CASE
          WHEN _c39 IN ('D005', 'D006')
          THEN _c39 || ' 重点支出安排率'
          WHEN NOT _c39 IS NULL
          THEN 'D008 重点支出安排率'
        END,
        CASE
          WHEN _c46 IN ('D005', 'D006')
          THEN _c46 || ' 预算完成率'
          WHEN NOT _c46 IS NULL
          THEN 'D008 预算完成率'
        END,
        CASE
          WHEN _c51 IN ('D005', 'D006')
          THEN _c51 || ' 预算调整率'
          WHEN NOT _c51 IS NULL
          THEN 'D008 预算调整率'
        END,
        CASE
          WHEN _c61 IN ('D005', 'D006')
          THEN _c61 || ' 支付进度'
          WHEN NOT _c61 IS NULL
          THEN 'D008 支付进度'
        END,
        CASE
          WHEN _c69 IN ('D005', 'D006')
          THEN _c69 || ' 结转结余率'
          WHEN NOT _c69 IS NULL
          THEN 'D008 结转结余率'
        END,
        CASE
          WHEN _vp8 IN ('D005', 'D006')
          THEN _vp8 || ' 公用经费控制率'
          WHEN NOT _vp8 IS NULL
          THEN 'D008 公用经费控制率'
        END,
        CASE
          WHEN _c81 IN ('D005', 'D006')
          THEN _c81 || ' “三公经费”控制率'
          WHEN NOT _c81 IS NULL
          THEN 'D008 “三公经费”控制率'
        END,
        CASE
          WHEN _c86 IN ('D005', 'D006')
          THEN _c86 || ' 政府采购执行率'
          WHEN NOT _c86 IS NULL
          THEN 'D008 政府采购执行率'
        END,
        CASE
          WHEN _c90 IN ('D005', 'D006')
          THEN _c90 || ' 管理制度健全性'
          WHEN NOT _c90 IS NULL
          THEN 'D008 管理制度健全性'
        END,
        CASE
          WHEN _c94 IN ('D005', 'D006')
          THEN _c94 || ' 资金使用合规性'
          WHEN NOT _c94 IS NULL
          THEN 'D008 资金使用合规性'
        END,
        CASE
          WHEN _c96 IN ('D005', 'D006')
          THEN _c96 || ' 预决算信息公开性'
          WHEN NOT _c96 IS NULL
          THEN 'D008 预决算信息公开性'
        END,
        CASE
          WHEN _c98 IN ('D005', 'D006')
          THEN _c98 || ' 基础信息完善性'
          WHEN NOT _c98 IS NULL
          THEN 'D008 基础信息完善性'
        END,
        CASE
          WHEN _c102 IN ('D005', 'D006')
          THEN _c102 || ' 资产管理制度健全性'
          WHEN NOT _c102 IS NULL
          THEN 'D008 资产管理制度健全性'
        END,
        CASE
          WHEN _c106 IN ('D005', 'D006')
          THEN _c106 || ' 资产管理安全性'
          WHEN NOT _c106 IS NULL
          THEN 'D008 资产管理安全性'
        END
      ),
      ''
    ),
    NULLIF(
      CONCAT_WS(
        '; ',
        CASE
          WHEN _c111 IN ('D005', 'D006')
          THEN _c111 || ' 固定资产利用率'
          WHEN NOT _c111 IS NULL
          THEN 'D008 固定资产利用率'
        END,
        CASE
          WHEN _c116 IN ('D005', 'D006')
          THEN _c116 || ' 完成实绩情况'
          WHEN NOT _c116 IS NULL
          THEN 'D008 完成实绩情况'
        END,
        CASE
          WHEN _c118 IN ('D005', 'D006')
          THEN _c118 || ' 质量达标情况'
          WHEN NOT _c118 IS NULL
          THEN 'D008 质量达标情况'
        END,
        CASE
          WHEN _c122 IN ('D005', 'D006')
          THEN _c122 || ' 重点工作完成情况'
          WHEN NOT _c122 IS NULL
          THEN 'D008 重点工作完成情况'
        END,
        CASE
          WHEN _c126 IN ('D005', 'D006')
          THEN _c126 || ' 经济效益'
          WHEN NOT _c126 IS NULL
          THEN 'D008 经济效益'
        END,
        CASE
          WHEN _c130 IN ('D005', 'D006')
          THEN _c130 || ' 社会效益'
          WHEN NOT _c130 IS NULL
          THEN 'D008 社会效益'
        END,
        CASE
          WHEN _c134 IN ('D005', 'D006')
          THEN _c134 || ' 生态效益'
          WHEN NOT _c134 IS NULL
          THEN 'D008 生态效益'
        END,
        CASE
          WHEN _c139 IN ('D005', 'D006')
          THEN _c139 || ' 社会公众或服务对象满意度'
          WHEN NOT _c139 IS NULL
          THEN 'D008 社会公众或服务对象满意度'
        END
      ),
      ''
    )
  ) AS "problems"
FROM (
  SELECT
    _s8.*,
    _g149 + _g146 + _g142 + _g141 AS _t150
  FROM (
    SELECT
      _s7.*,
      _g148 + _g147 AS _g149
    FROM (
      SELECT
        _s6.*,
        _g145 + _g144 + _g143 AS _g146,
        _s26 + _s35 + _s40 AS _g147
      FROM (
        SELECT
          _s5.*,
          CASE
            WHEN _ln27 <= 0
            THEN 'within'
            WHEN _ln29 = 0
            THEN 'under_step'
            WHEN _ln31 > (
              3 * (
                _ld30 * 10
              )
            )
            THEN 'floored'
            ELSE 'deducted'
          END AS _lb33,
          CASE
            WHEN NOT _c34 IS NULL
            THEN 0
            ELSE CASE
              WHEN (
                (
                  3 * (
                    _ld30 * 10
                  )
                ) - _ln31
              ) >= (
                3 * (
                  _ld30 * 10
                )
              )
              THEN 300
              WHEN (
                (
                  3 * (
                    _ld30 * 10
                  )
                ) - _ln31
              ) <= 0
              THEN 0
              ELSE DIV(
                (
                  (
                    (
                      3 * (
                        _ld30 * 10
                      )
                    ) - _ln31
                  ) * 200
                ) + (
                  _ld30 * 10
                ),
                NULLIF((
                  _ld30 * 10
                ) * 2, 0)
              )
            END
          END AS _s35,
          _s47 + _s52 + _s62 + _s70 + _s73 + _s82 + _s87 AS _g145
        FROM (
          SELECT
            _s4.*,
            CASE
              WHEN _ln18 <= 0
              THEN 'within'
              WHEN _ln20 = 0
              THEN 'under_step'
              WHEN _ln22 > (
                3 * (
                  _ld21 * 10
                )
              )
              THEN 'floored'
              ELSE 'deducted'
            END AS _lb24,
            CASE
              WHEN NOT _c25 IS NULL
              THEN 0
              ELSE CASE
                WHEN (
                  (
                    3 * (
                      _ld21 * 10
                    )
                  ) - _ln22
                ) >= (
                  3 * (
                    _ld21 * 10
                  )
                )
                THEN 300
                WHEN (
                  (
                    3 * (
                      _ld21 * 10
                    )
                  ) - _ln22
                ) <= 0
                THEN 0
                ELSE DIV(
                  (
                    (
                      (
                        3 * (
                          _ld21 * 10
                        )
                      ) - _ln22
                    ) * 200
                  ) + (
                    _ld21 * 10
                  ),
                  NULLIF((
                    _ld21 * 10
                  ) * 2, 0)
                )
              END
            END AS _s26,
            _ln29 * 3 AS _ln31,
            COALESCE(
              _vp2,
              CASE
                WHEN _ln27 <= 0
                THEN NULL
                ELSE COALESCE(_lp28, CASE WHEN _ln29 = 0 THEN NULL ELSE _lp28 END)
              END
            ) AS _lp32,
            COALESCE(
              _vp2,
              COALESCE(_vp2, CASE WHEN _ln27 <= 0 THEN NULL ELSE _vp2 END),
              _lp28,
              COALESCE(
                _vp2,
                CASE
                  WHEN _ln27 <= 0
                  THEN NULL
                  ELSE COALESCE(_lp28, CASE WHEN _ln29 = 0 THEN NULL ELSE _lp28 END)
                END
              )
            ) AS _c34,
            CASE
              WHEN NOT _c39 IS NULL
              THEN 0
              ELSE CASE
                WHEN (
                  _i12 * 10
                ) >= (
                  9 * _i13
                )
                THEN 400
                WHEN (
                  (
                    _i12 * 5
                  ) >= (
                    4 * _i13
                  )
                )
                AND (
                  (
                    _i12 * 10
                  ) < (
                    9 * _i13
                  )
                )
                THEN 320
                WHEN (
                  (
                    _i12 * 10
                  ) >= (
                    7 * _i13
                  )
                )
                AND (
                  (
                    _i12 * 5
                  ) < (
                    4 * _i13
                  )
                )
                THEN 240
                WHEN (
                  (
                    _i12 * 5
                  ) >= (
                    3 * _i13
                  )
                )
                AND (
                  (
                    _i12 * 10
                  ) < (
                    7 * _i13
                  )
                )
                THEN 160
                WHEN TRUE
                THEN 0
                ELSE 0
              END
            END AS _s40,
            CASE
              WHEN NOT _c46 IS NULL
              THEN 0
              ELSE CASE
                WHEN (
                  20 - _ln43
                ) >= 20
                THEN 200
                WHEN (
                  20 - _ln43
                ) <= 0
                THEN 0
                ELSE DIV((
                  (
                    20 - _ln43
                  ) * 200
                ) + 10, 20)
              END
            END AS _s47,
            CASE
              WHEN NOT _c51 IS NULL
              THEN 0
              ELSE CASE
                WHEN (
                  _i2 >= 0
                ) AND (
                  _i2 <= 0
                )
                THEN 400
                WHEN (
                  _i2 > 0
                ) AND (
                  (
                    _i2 * 10
                  ) <= _i0
                )
                THEN 300
                WHEN (
                  (
                    _i2 * 10
                  ) > _i0
                ) AND (
                  (
                    _i2 * 5
                  ) <= _i0
                )
                THEN 200
                WHEN (
                  (
                    _i2 * 5
                  ) > _i0
                ) AND (
                  (
                    _i2 * 10
                  ) <= (
                    3 * _i0
                  )
                )
                THEN 100
                WHEN TRUE
                THEN 0
                ELSE 0
              END
            END AS _s52,
            CASE
              WHEN NOT _c61 IS NULL
              THEN 0
              ELSE CASE
                WHEN (
                  4 - _ln58
                ) >= 4
                THEN 400
                WHEN (
                  4 - _ln58
                ) <= 0
                THEN 0
                ELSE DIV((
                  (
                    4 - _ln58
                  ) * 200
                ) + 1, 2)
              END
            END AS _s62,
            CASE
              WHEN NOT _c69 IS NULL
              THEN 0
              ELSE CASE
                WHEN (
                  (
                    2 * (
                      _ld66 * 10
                    )
                  ) - _ln65
                ) >= (
                  2 * (
                    _ld66 * 10
                  )
                )
                THEN 200
                WHEN (
                  (
                    2 * (
                      _ld66 * 10
                    )
                  ) - _ln65
                ) <= 0
                THEN 0
                ELSE DIV(
                  (
                    (
                      (
                        2 * (
                          _ld66 * 10
                        )
                      ) - _ln65
                    ) * 200
                  ) + (
                    _ld66 * 10
                  ),
                  NULLIF((
                    _ld66 * 10
                  ) * 2, 0)
                )
              END
            END AS _s70,
            CASE
              WHEN _ln74 <= 0
              THEN 'within'
              WHEN _ln76 = 0
              THEN 'under_step'
              WHEN _ln78 > (
                3 * (
                  _ld77 * 10
                )
              )
              THEN 'floored'
              ELSE 'deducted'
            END AS _lb80,
            CASE
              WHEN NOT _c81 IS NULL
              THEN 0
              ELSE CASE
                WHEN (
                  (
                    3 * (
                      _ld77 * 10
                    )
                  ) - _ln78
                ) >= (
                  3 * (
                    _ld77 * 10
                  )
                )
                THEN 300
                WHEN (
                  (
                    3 * (
                      _ld77 * 10
                    )
                  ) - _ln78
                ) <= 0
                THEN 0
                ELSE DIV(
                  (
                    (
                      (
                        3 * (
                          _ld77 * 10
                        )
                      ) - _ln78
                    ) * 200
                  ) + (
                    _ld77 * 10
                  ),
                  NULLIF((
                    _ld77 * 10
                  ) * 2, 0)
                )
              END
            END AS _s82,
            CASE
              WHEN NOT _c86 IS NULL
              THEN 0
              ELSE CASE
                WHEN (
                  _i21 * 20
                ) >= (
                  19 * _i22
                )
                THEN 200
                WHEN (
                  _i21 * 10
                ) >= (
                  9 * _i22
                )
                THEN 160
                WHEN (
                  _i21 * 5
                ) >= (
                  4 * _i22
                )
                THEN 120
                WHEN TRUE
                THEN 0
                ELSE 0
              END
            END AS _s87,
            _s127 + _s131 + _s135 + _s140 AS _g141,
            _s117 + _s119 + _s123 AS _g142,
            _s103 + _s107 + _s112 AS _g143
          FROM (
            SELECT
              _s3.*,
              _ln20 * 3 AS _ln22,
              COALESCE(
                _vp1,
                CASE
                  WHEN _ln18 <= 0
                  THEN NULL
                  ELSE COALESCE(_lp19, CASE WHEN _ln20 = 0 THEN NULL ELSE _lp19 END)
                END
              ) AS _lp23,
              COALESCE(
                _vp1,
                COALESCE(_vp1, CASE WHEN _ln18 <= 0 THEN NULL ELSE _vp1 END),
                _lp19,
                COALESCE(
                  _vp1,
                  CASE
                    WHEN _ln18 <= 0
                    THEN NULL
                    ELSE COALESCE(_lp19, CASE WHEN _ln20 = 0 THEN NULL ELSE _lp19 END)
                  END
                )
              ) AS _c25,
              COALESCE(_vp2, CASE WHEN _ln27 <= 0 THEN NULL ELSE _vp2 END) AS _lp28,
              CASE WHEN _ln27 <= 0 THEN 0 ELSE _ln27 * 100 END AS _ln29,
              CASE WHEN _ln27 <= 0 THEN 1 ELSE _i11 END AS _ld30,
              COALESCE(
                COALESCE(
                  _vp4,
                  CASE
                    WHEN (
                      _i12 * 10
                    ) >= (
                      9 * _i13
                    )
                    THEN NULL
                    ELSE COALESCE(
                      COALESCE(_vp4, CASE WHEN (
                        _i12 * 5
                      ) >= (
                        4 * _i13
                      ) THEN _vp4 END),
                      CASE
                        WHEN (
                          (
                            _i12 * 5
                          ) >= (
                            4 * _i13
                          )
                        )
                        AND (
                          (
                            _i12 * 10
                          ) < (
                            9 * _i13
                          )
                        )
                        THEN NULL
                        ELSE COALESCE(
                          COALESCE(_vp4, CASE WHEN (
                            _i12 * 10
                          ) >= (
                            7 * _i13
                          ) THEN _vp4 END),
                          CASE
                            WHEN (
                              (
                                _i12 * 10
                              ) >= (
                                7 * _i13
                              )
                            )
                            AND (
                              (
                                _i12 * 5
                              ) < (
                                4 * _i13
                              )
                            )
                            THEN NULL
                            ELSE COALESCE(_vp4, CASE WHEN (
                              _i12 * 5
                            ) >= (
                              3 * _i13
                            ) THEN _vp4 END)
                          END
                        )
                      END
                    )
                  END
                ),
                _lp36
              ) AS _c39,
              COALESCE(
                _vp5,
                CASE
                  WHEN _ln41 <= 0
                  THEN NULL
                  ELSE COALESCE(_lp42, CASE WHEN _ln43 = 0 THEN NULL ELSE _lp42 END)
                END
              ) AS _lp44,
              CASE
                WHEN _ln41 <= 0
                THEN 'within'
                WHEN _ln43 = 0
                THEN 'under_step'
                WHEN _ln43 > 20
                THEN 'floored'
                ELSE 'deducted'
              END AS _lb45,
              COALESCE(
                _vp5,
                COALESCE(_vp5, CASE WHEN _ln41 <= 0 THEN NULL ELSE _vp5 END),
                _lp42,
                COALESCE(
                  _vp5,
                  CASE
                    WHEN _ln41 <= 0
                    THEN NULL
                    ELSE COALESCE(_lp42, CASE WHEN _ln43 = 0 THEN NULL ELSE _lp42 END)
                  END
                )
              ) AS _c46,
              COALESCE(
                COALESCE(
                  COALESCE(_vp6, CASE WHEN _i2 >= 0 THEN _vp6 END),
                  CASE
                    WHEN (
                      _i2 >= 0
                    ) AND (
                      _i2 <= 0
                    )
                    THEN NULL
                    ELSE COALESCE(
                      COALESCE(_vp6, CASE WHEN _i2 > 0 THEN _vp6 END),
                      CASE
                        WHEN (
                          _i2 > 0
                        ) AND (
                          (
                            _i2 * 10
                          ) <= _i0
                        )
                        THEN NULL
                        ELSE COALESCE(
                          COALESCE(_vp6, CASE WHEN (
                            _i2 * 10
                          ) > _i0 THEN _vp6 END),
                          CASE
                            WHEN (
                              (
                                _i2 * 10
                              ) > _i0
                            ) AND (
                              (
                                _i2 * 5
                              ) <= _i0
                            )
                            THEN NULL
                            ELSE COALESCE(_vp6, CASE WHEN (
                              _i2 * 5
                            ) > _i0 THEN _vp6 END)
                          END
                        )
                      END
                    )
                  END
                ),
                _lp48
              ) AS _c51,
              COALESCE(_lp57, CASE WHEN _ln58 = 0 THEN NULL ELSE _lp57 END) AS _lp59,
              CASE WHEN _ln58 = 0 THEN 'none' WHEN _ln58 > 4 THEN 'floored' ELSE 'deducted' END AS _lb60,
              COALESCE(
                _p14,
                _p15,
                COALESCE(_p14, _p15),
                COALESCE(_lp57, CASE WHEN _ln58 = 0 THEN NULL ELSE _lp57 END),
                _lp57
              ) AS _c61,
              COALESCE(
                _vp7,
                CASE
                  WHEN _ln63 <= 0
                  THEN NULL
                  ELSE COALESCE(_lp64, CASE WHEN _ln65 = 0 THEN NULL ELSE _lp64 END)
                END
              ) AS _lp67,
              CASE
                WHEN _ln63 <= 0
                THEN 'within'
                WHEN _ln65 = 0
                THEN 'under_step'
                WHEN _ln65 > (
                  2 * (
                    _ld66 * 10
                  )
                )
                THEN 'floored'
                ELSE 'deducted'
              END AS _lb68,
              COALESCE(
                _vp7,
                COALESCE(_vp7, CASE WHEN _ln63 <= 0 THEN NULL ELSE _vp7 END),
                _lp64,
                COALESCE(
                  _vp7,
                  CASE
                    WHEN _ln63 <= 0
                    THEN NULL
                    ELSE COALESCE(_lp64, CASE WHEN _ln65 = 0 THEN NULL ELSE _lp64 END)
                  END
                )
              ) AS _c69,
              _ln76 * 3 AS _ln78,
              COALESCE(
                _vp9,
                CASE
                  WHEN _ln74 <= 0
                  THEN NULL
                  ELSE COALESCE(_lp75, CASE WHEN _ln76 = 0 THEN NULL ELSE _lp75 END)
                END
              ) AS _lp79,
              COALESCE(
                _vp9,
                COALESCE(_vp9, CASE WHEN _ln74 <= 0 THEN NULL ELSE _vp9 END),
                _lp75,
                COALESCE(
                  _vp9,
                  CASE
                    WHEN _ln74 <= 0
                    THEN NULL
                    ELSE COALESCE(_lp75, CASE WHEN _ln76 = 0 THEN NULL ELSE _lp75 END)
                  END
                )
              ) AS _c81,
              COALESCE(
                COALESCE(
                  _vp10,
                  CASE
                    WHEN (
                      _i21 * 20
                    ) >= (
                      19 * _i22
                    )
                    THEN NULL
                    ELSE COALESCE(_vp10, CASE WHEN (
                      _i21 * 10
                    ) >= (
                      9 * _i22
                    ) THEN NULL ELSE _vp10 END)
                  END
                ),
                _lp83
              ) AS _c86,
              CASE
                WHEN NOT _c111 IS NULL
                THEN 0
                ELSE CASE
                  WHEN _ln108 >= (
                    4 * _i31
                  )
                  THEN 400
                  WHEN _ln108 <= 0
                  THEN 0
                  ELSE DIV((
                    _ln108 * 200
                  ) + _i31, NULLIF(_i31 * 2, 0))
                END
              END AS _s112,
              CASE
                WHEN NOT _c116 IS NULL
                THEN 0
                ELSE CASE
                  WHEN _ln113 >= 8
                  THEN 800
                  WHEN _ln113 <= 0
                  THEN 0
                  ELSE DIV((
                    _ln113 * 200
                  ) + 1, 2)
                END
              END AS _s117,
              CASE
                WHEN NOT _c139 IS NULL
                THEN 0
                ELSE CASE
                  WHEN (
                    _i40 * 10
                  ) >= 9
                  THEN 500
                  WHEN (
                    _i40 * 5
                  ) >= 4
                  THEN 400
                  WHEN (
                    _i40 * 5
                  ) >= 3
                  THEN 300
                  WHEN TRUE
                  THEN 0
                  ELSE 0
                END
              END AS _s140,
              _s91 + _s95 + _s97 + _s99 AS _g144,
              _s15 + _s17 AS _g148
            FROM (
              SELECT
                _s2.*,
                CASE
                  WHEN NOT _c14 IS NULL
                  THEN 0
                  ELSE CASE
                    WHEN _i4 = '好'
                    THEN 300
                    WHEN _i4 = '较好'
                    THEN 240
                    WHEN _i4 = '一般'
                    THEN 180
                    WHEN _i4 = '较差'
                    THEN 0
                    ELSE NULL
                  END
                END AS _s15,
                CASE
                  WHEN NOT _c16 IS NULL
                  THEN 0
                  ELSE CASE
                    WHEN (
                      (
                        CASE WHEN _i5 THEN 1 ELSE 0 END + CASE WHEN _i6 THEN 1 ELSE 0 END
                      ) + CASE WHEN _i7 THEN 1 ELSE 0 END
                    ) >= 3
                    THEN 300
                    WHEN (
                      (
                        CASE WHEN _i5 THEN 1 ELSE 0 END + CASE WHEN _i6 THEN 1 ELSE 0 END
                      ) + CASE WHEN _i7 THEN 1 ELSE 0 END
                    ) <= 0
                    THEN 0
                    ELSE DIV(
                      (
                        (
                          (
                            CASE WHEN _i5 THEN 1 ELSE 0 END + CASE WHEN _i6 THEN 1 ELSE 0 END
                          ) + CASE WHEN _i7 THEN 1 ELSE 0 END
                        ) * 200
                      ) + 1,
                      2
                    )
                  END
                END AS _s17,
                COALESCE(_vp1, CASE WHEN _ln18 <= 0 THEN NULL ELSE _vp1 END) AS _lp19,
                CASE WHEN _ln18 <= 0 THEN 0 ELSE _ln18 * 100 END AS _ln20,
                CASE WHEN _ln18 <= 0 THEN 1 ELSE _i9 END AS _ld21,
                _vn3 - (
                  0 * _i11
                ) AS _ln27,
                COALESCE(
                  _vp4,
                  CASE
                    WHEN (
                      _i12 * 10
                    ) >= (
                      9 * _i13
                    )
                    THEN NULL
                    ELSE COALESCE(
                      COALESCE(_vp4, CASE WHEN (
                        _i12 * 5
                      ) >= (
                        4 * _i13
                      ) THEN _vp4 END),
                      CASE
                        WHEN (
                          (
                            _i12 * 5
                          ) >= (
                            4 * _i13
                          )
                        )
                        AND (
                          (
                            _i12 * 10
                          ) < (
                            9 * _i13
                          )
                        )
                        THEN NULL
                        ELSE COALESCE(
                          COALESCE(_vp4, CASE WHEN (
                            _i12 * 10
                          ) >= (
                            7 * _i13
                          ) THEN _vp4 END),
                          CASE
                            WHEN (
                              (
                                _i12 * 10
                              ) >= (
                                7 * _i13
                              )
                            )
                            AND (
                              (
                                _i12 * 5
                              ) < (
                                4 * _i13
                              )
                            )
                            THEN NULL
                            ELSE COALESCE(_vp4, CASE WHEN (
                              _i12 * 5
                            ) >= (
                              3 * _i13
                            ) THEN _vp4 END)
                          END
                        )
                      END
                    )
                  END
                ) AS _lp36,
                CASE WHEN _ln37 IS NULL THEN 'no_band' ELSE 'band' END AS _lb38,
                COALESCE(_vp5, CASE WHEN _ln41 <= 0 THEN NULL ELSE _vp5 END) AS _lp42,
                CASE
                  WHEN _ln41 <= 0
                  THEN 0
                  ELSE CASE
                    WHEN (
                      _ln41 * 100
                    ) < 0
                    AND (
                      DIV(_ln41 * 100, NULLIF(_i0, 0))
                    ) * _i0 <> (
                      _ln41 * 100
                    )
                    THEN (
                      DIV(_ln41 * 100, NULLIF(_i0, 0))
                    ) - 1
                    ELSE DIV(_ln41 * 100, NULLIF(_i0, 0))
                  END
                END AS _ln43,
                COALESCE(
                  COALESCE(_vp6, CASE WHEN _i2 >= 0 THEN _vp6 END),
                  CASE
                    WHEN (
                      _i2 >= 0
                    ) AND (
                      _i2 <= 0
                    )
                    THEN NULL
                    ELSE COALESCE(
                      COALESCE(_vp6, CASE WHEN _i2 > 0 THEN _vp6 END),
                      CASE
                        WHEN (
                          _i2 > 0
                        ) AND (
                          (
                            _i2 * 10
                          ) <= _i0
                        )
                        THEN NULL
                        ELSE COALESCE(
                          COALESCE(_vp6, CASE WHEN (
                            _i2 * 10
                          ) > _i0 THEN _vp6 END),
                          CASE
                            WHEN (
                              (
                                _i2 * 10
                              ) > _i0
                            ) AND (
                              (
                                _i2 * 5
                              ) <= _i0
                            )
                            THEN NULL
                            ELSE COALESCE(_vp6, CASE WHEN (
                              _i2 * 5
                            ) > _i0 THEN _vp6 END)
                          END
                        )
                      END
                    )
                  END
                ) AS _lp48,
                CASE WHEN _ln49 IS NULL THEN 'no_band' ELSE 'band' END AS _lb50,
                (
                  CASE WHEN _lb53 THEN 1 ELSE 0 END + CASE WHEN _lb54 THEN 1 ELSE 0 END
                ) + (
                  CASE WHEN _lb55 THEN 1 ELSE 0 END + CASE WHEN _lb56 THEN 1 ELSE 0 END
                ) AS _ln58,
                COALESCE(_vp7, CASE WHEN _ln63 <= 0 THEN NULL ELSE _vp7 END) AS _lp64,
                CASE WHEN _ln63 <= 0 THEN 0 ELSE _ln63 * 100 END AS _ln65,
                CASE WHEN _ln63 <= 0 THEN 1 ELSE _i0 END AS _ld66,
                CASE WHEN _lb71 THEN 'met' ELSE 'unmet' END AS _lb72,
                CASE WHEN NOT _vp8 IS NULL THEN 0 ELSE CASE WHEN _lb71 THEN 300 ELSE 0 END END AS _s73,
                COALESCE(_vp9, CASE WHEN _ln74 <= 0 THEN NULL ELSE _vp9 END) AS _lp75,
                CASE WHEN _ln74 <= 0 THEN 0 ELSE _ln74 * 100 END AS _ln76,
                CASE WHEN _ln74 <= 0 THEN 1 ELSE _i10 END AS _ld77,
                COALESCE(
                  _vp10,
                  CASE
                    WHEN (
                      _i21 * 20
                    ) >= (
                      19 * _i22
                    )
                    THEN NULL
                    ELSE COALESCE(_vp10, CASE WHEN (
                      _i21 * 10
                    ) >= (
                      9 * _i22
                    ) THEN NULL ELSE _vp10 END)
                  END
                ) AS _lp83,
                CASE WHEN _ln84 IS NULL THEN 'no_band' ELSE 'band' END AS _lb85,
                CASE
                  WHEN NOT _c90 IS NULL
                  THEN 0
                  ELSE CASE
                    WHEN _i23 = '好'
                    THEN 300
                    WHEN _i23 = '较好'
                    THEN 240
                    WHEN _i23 = '一般'
                    THEN 180
                    WHEN _i23 = '较差'
                    THEN 0
                    ELSE NULL
                  END
                END AS _s91,
                CASE
                  WHEN NOT _c94 IS NULL
                  THEN 0
                  ELSE CASE
                    WHEN (
                      3 - _i24
                    ) >= 3
                    THEN 300
                    WHEN (
                      3 - _i24
                    ) <= 0
                    THEN 0
                    ELSE DIV((
                      (
                        3 - _i24
                      ) * 200
                    ) + 1, 2)
                  END
                END AS _s95,
                CASE
                  WHEN NOT _c96 IS NULL
                  THEN 0
                  ELSE CASE
                    WHEN (
                      CASE WHEN _i25 THEN 2 ELSE 0 END + CASE WHEN _i26 THEN 1 ELSE 0 END
                    ) >= 3
                    THEN 300
                    WHEN (
                      CASE WHEN _i25 THEN 2 ELSE 0 END + CASE WHEN _i26 THEN 1 ELSE 0 END
                    ) <= 0
                    THEN 0
                    ELSE DIV(
                      (
                        (
                          CASE WHEN _i25 THEN 2 ELSE 0 END + CASE WHEN _i26 THEN 1 ELSE 0 END
                        ) * 200
                      ) + 1,
                      2
                    )
                  END
                END AS _s97,
                CASE
                  WHEN NOT _c98 IS NULL
                  THEN 0
                  ELSE CASE
                    WHEN (
                      CASE WHEN _i27 THEN 3 ELSE 0 END + CASE WHEN _i28 THEN 3 ELSE 0 END
                    ) >= 6
                    THEN 300
                    WHEN (
                      CASE WHEN _i27 THEN 3 ELSE 0 END + CASE WHEN _i28 THEN 3 ELSE 0 END
                    ) <= 0
                    THEN 0
                    ELSE DIV(
                      (
                        (
                          CASE WHEN _i27 THEN 3 ELSE 0 END + CASE WHEN _i28 THEN 3 ELSE 0 END
                        ) * 200
                      ) + 2,
                      4
                    )
                  END
                END AS _s99,
                CASE
                  WHEN NOT _c102 IS NULL
                  THEN 0
                  ELSE CASE
                    WHEN _i29 = '好'
                    THEN 300
                    WHEN _i29 = '较好'
                    THEN 240
                    WHEN _i29 = '一般'
                    THEN 180
                    WHEN _i29 = '较差'
                    THEN 0
                    ELSE NULL
                  END
                END AS _s103,
                CASE
                  WHEN NOT _c106 IS NULL
                  THEN 0
                  ELSE CASE
                    WHEN (
                      3 - _i30
                    ) >= 3
                    THEN 300
                    WHEN (
                      3 - _i30
                    ) <= 0
                    THEN 0
                    ELSE DIV((
                      (
                        3 - _i30
                      ) * 200
                    ) + 1, 2)
                  END
                END AS _s107,
                COALESCE(_vp11, CASE WHEN _ln108 > (
                  4 * _i31
                ) THEN NULL ELSE _vp11 END) AS _lp109,
                CASE
                  WHEN _ln108 > (
                    4 * _i31
                  )
                  THEN 'capped'
                  WHEN _ln108 < 0
                  THEN 'negative'
                  ELSE 'scored'
                END AS _lb110,
                COALESCE(_vp11, COALESCE(_vp11, CASE WHEN _ln108 > (
                  4 * _i31
                ) THEN NULL ELSE _vp11 END)) AS _c111,
                COALESCE(_p33, CASE WHEN _ln113 > 8 THEN NULL ELSE _p33 END) AS _lp114,
                CASE WHEN _ln113 > 8 THEN 'capped' WHEN _ln113 < 0 THEN 'negative' ELSE 'scored' END AS _lb115,
                COALESCE(_p33, COALESCE(_p33, CASE WHEN _ln113 > 8 THEN NULL ELSE _p33 END)) AS _c116,
                CASE
                  WHEN NOT _c118 IS NULL
                  THEN 0
                  ELSE CASE
                    WHEN CASE
                      WHEN _i35 = '达成'
                      THEN CASE WHEN (
                        (
                          _i34 * 5
                        ) >= 32
                      ) AND (
                        _i34 <= 8
                      ) THEN _i34 ELSE NULL END
                      WHEN _i35 = '部分达成'
                      THEN CASE
                        WHEN (
                          (
                            _i34 * 5
                          ) >= 24
                        ) AND (
                          (
                            _i34 * 5
                          ) <= 32
                        )
                        THEN _i34
                        ELSE NULL
                      END
                      WHEN _i35 = '未达成'
                      THEN CASE WHEN (
                        _i34 >= 0
                      ) AND (
                        (
                          _i34 * 5
                        ) <= 24
                      ) THEN _i34 ELSE NULL END
                      ELSE NULL
                    END >= 8
                    THEN 800
                    WHEN CASE
                      WHEN _i35 = '达成'
                      THEN CASE WHEN (
                        (
                          _i34 * 5
                        ) >= 32
                      ) AND (
                        _i34 <= 8
                      ) THEN _i34 ELSE NULL END
                      WHEN _i35 = '部分达成'
                      THEN CASE
                        WHEN (
                          (
                            _i34 * 5
                          ) >= 24
                        ) AND (
                          (
                            _i34 * 5
                          ) <= 32
                        )
                        THEN _i34
                        ELSE NULL
                      END
                      WHEN _i35 = '未达成'
                      THEN CASE WHEN (
                        _i34 >= 0
                      ) AND (
                        (
                          _i34 * 5
                        ) <= 24
                      ) THEN _i34 ELSE NULL END
                      ELSE NULL
                    END <= 0
                    THEN 0
                    ELSE DIV(
                      (
                        CASE
                          WHEN _i35 = '达成'
                          THEN CASE WHEN (
                            (
                              _i34 * 5
                            ) >= 32
                          ) AND (
                            _i34 <= 8
                          ) THEN _i34 ELSE NULL END
                          WHEN _i35 = '部分达成'
                          THEN CASE
                            WHEN (
                              (
                                _i34 * 5
                              ) >= 24
                            ) AND (
                              (
                                _i34 * 5
                              ) <= 32
                            )
                            THEN _i34
                            ELSE NULL
                          END
                          WHEN _i35 = '未达成'
                          THEN CASE WHEN (
                            _i34 >= 0
                          ) AND (
                            (
                              _i34 * 5
                            ) <= 24
                          ) THEN _i34 ELSE NULL END
                          ELSE NULL
                        END * 200
                      ) + 1,
                      2
                    )
                  END
                END AS _s119,
                CASE
                  WHEN NOT _c122 IS NULL
                  THEN 0
                  ELSE CASE
                    WHEN _i36 = '好'
                    THEN 600
                    WHEN _i36 = '较好'
                    THEN 480
                    WHEN _i36 = '一般'
                    THEN 360
                    WHEN _i36 = '较差'
                    THEN 0
                    ELSE NULL
                  END
                END AS _s123,
                CASE
                  WHEN NOT _c126 IS NULL
                  THEN 0
                  ELSE CASE
                    WHEN _i37 = '好'
                    THEN 500
                    WHEN _i37 = '较好'
                    THEN 400
                    WHEN _i37 = '一般'
                    THEN 300
                    WHEN _i37 = '较差'
                    THEN 0
                    ELSE NULL
                  END
                END AS _s127,
                CASE
                  WHEN NOT _c130 IS NULL
                  THEN 0
                  ELSE CASE
                    WHEN _i38 = '好'
                    THEN 500
                    WHEN _i38 = '较好'
                    THEN 400
                    WHEN _i38 = '一般'
                    THEN 300
                    WHEN _i38 = '较差'
                    THEN 0
                    ELSE NULL
                  END
                END AS _s131,
                CASE
                  WHEN NOT _c134 IS NULL
                  THEN 0
                  ELSE CASE
                    WHEN _i39 = '好'
                    THEN 500
                    WHEN _i39 = '较好'
                    THEN 400
                    WHEN _i39 = '一般'
                    THEN 300
                    WHEN _i39 = '较差'
                    THEN 0
                    ELSE NULL
                  END
                END AS _s135,
                CASE WHEN _ln137 IS NULL THEN 'no_band' ELSE 'band' END AS _lb138,
                COALESCE(
                  COALESCE(
                    _p40,
                    CASE
                      WHEN (
                        _i40 * 10
                      ) >= 9
                      THEN NULL
                      ELSE COALESCE(_p40, CASE WHEN (
                        _i40 * 5
                      ) >= 4 THEN NULL ELSE _p40 END)
                    END
                  ),
                  _lp136
                ) AS _c139
              FROM (
                SELECT
                  _s1.*,
                  COALESCE(_p9, CASE WHEN _i9 = 0 THEN 'D005' ELSE _p8 END) AS _vp1,
                  COALESCE(COALESCE(_p10, _p11), _p11, CASE WHEN _i11 = 0 THEN 'D005' END) AS _vp2,
                  _i10 - _i11 AS _vn3,
                  COALESCE(_p13, CASE WHEN _i13 = 0 THEN 'D005' ELSE _p12 END) AS _vp4,
                  COALESCE(_p0, CASE WHEN _i0 = 0 THEN 'D005' ELSE _p1 END) AS _vp5,
                  COALESCE(_p0, CASE WHEN _i0 = 0 THEN 'D005' ELSE _p2 END) AS _vp6,
                  COALESCE(_p0, CASE WHEN _i0 = 0 THEN 'D005' ELSE _p3 END) AS _vp7,
                  COALESCE(_p19, CASE WHEN _i19 = 0 THEN 'D005' ELSE _p18 END) AS _vp8,
                  COALESCE(_p10, CASE WHEN _i10 = 0 THEN 'D005' ELSE _p20 END) AS _vp9,
                  COALESCE(_p22, CASE WHEN _i22 = 0 THEN 'D005' ELSE _p21 END) AS _vp10,
                  COALESCE(_p31, CASE WHEN _i31 = 0 THEN 'D005' ELSE _p32 END) AS _vp11,
                  COALESCE(
                    _p4,
                    CASE
                      WHEN _i4 = '好'
                      THEN NULL
                      ELSE COALESCE(
                        _p4,
                        CASE
                          WHEN _i4 = '较好'
                          THEN NULL
                          ELSE COALESCE(
                            _p4,
                            CASE
                              WHEN _i4 = '一般'
                              THEN NULL
                              ELSE COALESCE(_p4, CASE WHEN _i4 = '较差' THEN NULL ELSE 'D008' END)
                            END
                          )
                        END
                      )
                    END
                  ) AS _lp12,
                  CASE
                    WHEN _i4 = '好'
                    THEN 5
                    WHEN _i4 = '较好'
                    THEN 4
                    WHEN _i4 = '一般'
                    THEN 3
                    WHEN _i4 = '较差'
                    THEN 0
                    ELSE NULL
                  END AS _ln13,
                  COALESCE(
                    _p4,
                    CASE
                      WHEN _i4 = '好'
                      THEN NULL
                      ELSE COALESCE(
                        _p4,
                        CASE
                          WHEN _i4 = '较好'
                          THEN NULL
                          ELSE COALESCE(
                            _p4,
                            CASE
                              WHEN _i4 = '一般'
                              THEN NULL
                              ELSE COALESCE(_p4, CASE WHEN _i4 = '较差' THEN NULL ELSE 'D008' END)
                            END
                          )
                        END
                      )
                    END
                  ) AS _c14,
                  COALESCE(COALESCE(_p5, _p6), _p7) AS _c16,
                  _i8 - _i9 AS _ln18,
                  CASE
                    WHEN (
                      _i12 * 10
                    ) >= (
                      9 * _i13
                    )
                    THEN 0
                    WHEN (
                      (
                        _i12 * 5
                      ) >= (
                        4 * _i13
                      )
                    )
                    AND (
                      (
                        _i12 * 10
                      ) < (
                        9 * _i13
                      )
                    )
                    THEN 1
                    WHEN (
                      (
                        _i12 * 10
                      ) >= (
                        7 * _i13
                      )
                    )
                    AND (
                      (
                        _i12 * 5
                      ) < (
                        4 * _i13
                      )
                    )
                    THEN 2
                    WHEN (
                      (
                        _i12 * 5
                      ) >= (
                        3 * _i13
                      )
                    )
                    AND (
                      (
                        _i12 * 10
                      ) < (
                        7 * _i13
                      )
                    )
                    THEN 3
                    WHEN TRUE
                    THEN 4
                    ELSE NULL
                  END AS _ln37,
                  _i0 - _i1 AS _ln41,
                  CASE
                    WHEN (
                      _i2 >= 0
                    ) AND (
                      _i2 <= 0
                    )
                    THEN 0
                    WHEN (
                      _i2 > 0
                    ) AND (
                      (
                        _i2 * 10
                      ) <= _i0
                    )
                    THEN 1
                    WHEN (
                      (
                        _i2 * 10
                      ) > _i0
                    ) AND (
                      (
                        _i2 * 5
                      ) <= _i0
                    )
                    THEN 2
                    WHEN (
                      (
                        _i2 * 5
                      ) > _i0
                    ) AND (
                      (
                        _i2 * 10
                      ) <= (
                        3 * _i0
                      )
                    )
                    THEN 3
                    WHEN TRUE
                    THEN 4
                    ELSE NULL
                  END AS _ln49,
                  NOT _i14 AS _lb53,
                  NOT _i15 AS _lb54,
                  NOT _i16 AS _lb55,
                  NOT _i17 AS _lb56,
                  COALESCE(_p14, _p15) AS _lp57,
                  _i3 - (
                    0 * _i0
                  ) AS _ln63,
                  _i18 <= _i19 AS _lb71,
                  _i20 - _i10 AS _ln74,
                  CASE
                    WHEN (
                      _i21 * 20
                    ) >= (
                      19 * _i22
                    )
                    THEN 0
                    WHEN (
                      _i21 * 10
                    ) >= (
                      9 * _i22
                    )
                    THEN 1
                    WHEN (
                      _i21 * 5
                    ) >= (
                      4 * _i22
                    )
                    THEN 2
                    WHEN TRUE
                    THEN 3
                    ELSE NULL
                  END AS _ln84,
                  COALESCE(
                    _p23,
                    CASE
                      WHEN _i23 = '好'
                      THEN NULL
                      ELSE COALESCE(
                        _p23,
                        CASE
                          WHEN _i23 = '较好'
                          THEN NULL
                          ELSE COALESCE(
                            _p23,
                            CASE
                              WHEN _i23 = '一般'
                              THEN NULL
                              ELSE COALESCE(_p23, CASE WHEN _i23 = '较差' THEN NULL ELSE 'D008' END)
                            END
                          )
                        END
                      )
                    END
                  ) AS _lp88,
                  CASE
                    WHEN _i23 = '好'
                    THEN 5
                    WHEN _i23 = '较好'
                    THEN 4
                    WHEN _i23 = '一般'
                    THEN 3
                    WHEN _i23 = '较差'
                    THEN 0
                    ELSE NULL
                  END AS _ln89,
                  COALESCE(
                    _p23,
                    CASE
                      WHEN _i23 = '好'
                      THEN NULL
                      ELSE COALESCE(
                        _p23,
                        CASE
                          WHEN _i23 = '较好'
                          THEN NULL
                          ELSE COALESCE(
                            _p23,
                            CASE
                              WHEN _i23 = '一般'
                              THEN NULL
                              ELSE COALESCE(_p23, CASE WHEN _i23 = '较差' THEN NULL ELSE 'D008' END)
                            END
                          )
                        END
                      )
                    END
                  ) AS _c90,
                  COALESCE(_p24, CASE WHEN _i24 <= 0 THEN NULL ELSE _p24 END) AS _lp92,
                  CASE WHEN _i24 <= 0 THEN 'none' WHEN _i24 > 3 THEN 'floored' ELSE 'deducted' END AS _lb93,
                  COALESCE(_p24, COALESCE(_p24, CASE WHEN _i24 <= 0 THEN NULL ELSE _p24 END)) AS _c94,
                  COALESCE(_p25, _p26) AS _c96,
                  COALESCE(_p27, _p28) AS _c98,
                  COALESCE(
                    _p29,
                    CASE
                      WHEN _i29 = '好'
                      THEN NULL
                      ELSE COALESCE(
                        _p29,
                        CASE
                          WHEN _i29 = '较好'
                          THEN NULL
                          ELSE COALESCE(
                            _p29,
                            CASE
                              WHEN _i29 = '一般'
                              THEN NULL
                              ELSE COALESCE(_p29, CASE WHEN _i29 = '较差' THEN NULL ELSE 'D008' END)
                            END
                          )
                        END
                      )
                    END
                  ) AS _lp100,
                  CASE
                    WHEN _i29 = '好'
                    THEN 5
                    WHEN _i29 = '较好'
                    THEN 4
                    WHEN _i29 = '一般'
                    THEN 3
                    WHEN _i29 = '较差'
                    THEN 0
                    ELSE NULL
                  END AS _ln101,
                  COALESCE(
                    _p29,
                    CASE
                      WHEN _i29 = '好'
                      THEN NULL
                      ELSE COALESCE(
                        _p29,
                        CASE
                          WHEN _i29 = '较好'
                          THEN NULL
                          ELSE COALESCE(
                            _p29,
                            CASE
                              WHEN _i29 = '一般'
                              THEN NULL
                              ELSE COALESCE(_p29, CASE WHEN _i29 = '较差' THEN NULL ELSE 'D008' END)
                            END
                          )
                        END
                      )
                    END
                  ) AS _c102,
                  COALESCE(_p30, CASE WHEN _i30 <= 0 THEN NULL ELSE _p30 END) AS _lp104,
                  CASE WHEN _i30 <= 0 THEN 'none' WHEN _i30 > 3 THEN 'floored' ELSE 'deducted' END AS _lb105,
                  COALESCE(_p30, COALESCE(_p30, CASE WHEN _i30 <= 0 THEN NULL ELSE _p30 END)) AS _c106,
                  _i32 * 4 AS _ln108,
                  _i33 * 8 AS _ln113,
                  COALESCE(
                    COALESCE(
                      _p35,
                      CASE
                        WHEN _i35 = '达成'
                        THEN COALESCE(
                          COALESCE(_p34, CASE WHEN (
                            _i34 * 5
                          ) >= 32 THEN _p34 END),
                          CASE
                            WHEN (
                              (
                                _i34 * 5
                              ) >= 32
                            ) AND (
                              _i34 <= 8
                            )
                            THEN NULL
                            ELSE 'D006'
                          END
                        )
                        ELSE COALESCE(
                          _p35,
                          CASE
                            WHEN _i35 = '部分达成'
                            THEN COALESCE(
                              COALESCE(_p34, CASE WHEN (
                                _i34 * 5
                              ) >= 24 THEN _p34 END),
                              CASE
                                WHEN (
                                  (
                                    _i34 * 5
                                  ) >= 24
                                ) AND (
                                  (
                                    _i34 * 5
                                  ) <= 32
                                )
                                THEN NULL
                                ELSE 'D006'
                              END
                            )
                            ELSE COALESCE(
                              _p35,
                              CASE
                                WHEN _i35 = '未达成'
                                THEN COALESCE(
                                  COALESCE(_p34, CASE WHEN _i34 >= 0 THEN _p34 END),
                                  CASE
                                    WHEN (
                                      _i34 >= 0
                                    ) AND (
                                      (
                                        _i34 * 5
                                      ) <= 24
                                    )
                                    THEN NULL
                                    ELSE 'D006'
                                  END
                                )
                                ELSE 'D008'
                              END
                            )
                          END
                        )
                      END
                    ),
                    CASE
                      WHEN _i35 = '达成'
                      THEN CASE WHEN (
                        (
                          _i34 * 5
                        ) >= 32
                      ) AND (
                        _i34 <= 8
                      ) THEN _p34 END
                      WHEN _i35 = '部分达成'
                      THEN CASE
                        WHEN (
                          (
                            _i34 * 5
                          ) >= 24
                        ) AND (
                          (
                            _i34 * 5
                          ) <= 32
                        )
                        THEN _p34
                      END
                      WHEN _i35 = '未达成'
                      THEN CASE WHEN (
                        _i34 >= 0
                      ) AND (
                        (
                          _i34 * 5
                        ) <= 24
                      ) THEN _p34 END
                    END
                  ) AS _c118,
                  COALESCE(
                    _p36,
                    CASE
                      WHEN _i36 = '好'
                      THEN NULL
                      ELSE COALESCE(
                        _p36,
                        CASE
                          WHEN _i36 = '较好'
                          THEN NULL
                          ELSE COALESCE(
                            _p36,
                            CASE
                              WHEN _i36 = '一般'
                              THEN NULL
                              ELSE COALESCE(_p36, CASE WHEN _i36 = '较差' THEN NULL ELSE 'D008' END)
                            END
                          )
                        END
                      )
                    END
                  ) AS _lp120,
                  CASE
                    WHEN _i36 = '好'
                    THEN 5
                    WHEN _i36 = '较好'
                    THEN 4
                    WHEN _i36 = '一般'
                    THEN 3
                    WHEN _i36 = '较差'
                    THEN 0
                    ELSE NULL
                  END AS _ln121,
                  COALESCE(
                    _p36,
                    CASE
                      WHEN _i36 = '好'
                      THEN NULL
                      ELSE COALESCE(
                        _p36,
                        CASE
                          WHEN _i36 = '较好'
                          THEN NULL
                          ELSE COALESCE(
                            _p36,
                            CASE
                              WHEN _i36 = '一般'
                              THEN NULL
                              ELSE COALESCE(_p36, CASE WHEN _i36 = '较差' THEN NULL ELSE 'D008' END)
                            END
                          )
                        END
                      )
                    END
                  ) AS _c122,
                  COALESCE(
                    _p37,
                    CASE
                      WHEN _i37 = '好'
                      THEN NULL
                      ELSE COALESCE(
                        _p37,
                        CASE
                          WHEN _i37 = '较好'
                          THEN NULL
                          ELSE COALESCE(
                            _p37,
                            CASE
                              WHEN _i37 = '一般'
                              THEN NULL
                              ELSE COALESCE(_p37, CASE WHEN _i37 = '较差' THEN NULL ELSE 'D008' END)
                            END
                          )
                        END
                      )
                    END
                  ) AS _lp124,
                  CASE
                    WHEN _i37 = '好'
                    THEN 5
                    WHEN _i37 = '较好'
                    THEN 4
                    WHEN _i37 = '一般'
                    THEN 3
                    WHEN _i37 = '较差'
                    THEN 0
                    ELSE NULL
                  END AS _ln125,
                  COALESCE(
                    _p37,
                    CASE
                      WHEN _i37 = '好'
                      THEN NULL
                      ELSE COALESCE(
                        _p37,
                        CASE
                          WHEN _i37 = '较好'
                          THEN NULL
                          ELSE COALESCE(
                            _p37,
                            CASE
                              WHEN _i37 = '一般'
                              THEN NULL
                              ELSE COALESCE(_p37, CASE WHEN _i37 = '较差' THEN NULL ELSE 'D008' END)
                            END
                          )
                        END
                      )
                    END
                  ) AS _c126,
                  COALESCE(
                    _p38,
                    CASE
                      WHEN _i38 = '好'
                      THEN NULL
                      ELSE COALESCE(
                        _p38,
                        CASE
                          WHEN _i38 = '较好'
                          THEN NULL
                          ELSE COALESCE(
                            _p38,
                            CASE
                              WHEN _i38 = '一般'
                              THEN NULL
                              ELSE COALESCE(_p38, CASE WHEN _i38 = '较差' THEN NULL ELSE 'D008' END)
                            END
                          )
                        END
                      )
                    END
                  ) AS _lp128,
                  CASE
                    WHEN _i38 = '好'
                    THEN 5
                    WHEN _i38 = '较好'
                    THEN 4
                    WHEN _i38 = '一般'
                    THEN 3
                    WHEN _i38 = '较差'
                    THEN 0
                    ELSE NULL
                  END AS _ln129,
                  COALESCE(
                    _p38,
                    CASE
                      WHEN _i38 = '好'
                      THEN NULL
                      ELSE COALESCE(
                        _p38,
                        CASE
                          WHEN _i38 = '较好'
                          THEN NULL
                          ELSE COALESCE(
                            _p38,
                            CASE
                              WHEN _i38 = '一般'
                              THEN NULL
                              ELSE COALESCE(_p38, CASE WHEN _i38 = '较差' THEN NULL ELSE 'D008' END)
                            END
                          )
                        END
                      )
                    END
                  ) AS _c130,
                  COALESCE(
                    _p39,
                    CASE
                      WHEN _i39 = '好'
                      THEN NULL
                      ELSE COALESCE(
                        _p39,
                        CASE
                          WHEN _i39 = '较好'
                          THEN NULL
                          ELSE COALESCE(
                            _p39,
                            CASE
                              WHEN _i39 = '一般'
                              THEN NULL
                              ELSE COALESCE(_p39, CASE WHEN _i39 = '较差' THEN NULL ELSE 'D008' END)
                            END
                          )
                        END
                      )
                    END
                  ) AS _lp132,
                  CASE
                    WHEN _i39 = '好'
                    THEN 5
                    WHEN _i39 = '较好'
                    THEN 4
                    WHEN _i39 = '一般'
                    THEN 3
                    WHEN _i39 = '较差'
                    THEN 0
                    ELSE NULL
                  END AS _ln133,
                  COALESCE(
                    _p39,
                    CASE
                      WHEN _i39 = '好'
                      THEN NULL
                      ELSE COALESCE(
                        _p39,
                        CASE
                          WHEN _i39 = '较好'
                          THEN NULL
                          ELSE COALESCE(
                            _p39,
                            CASE
                              WHEN _i39 = '一般'
                              THEN NULL
                              ELSE COALESCE(_p39, CASE WHEN _i39 = '较差' THEN NULL ELSE 'D008' END)
                            END
                          )
                        END
                      )
                    END
                  ) AS _c134,
                  COALESCE(
                    _p40,
                    CASE
                      WHEN (
                        _i40 * 10
                      ) >= 9
                      THEN NULL
                      ELSE COALESCE(_p40, CASE WHEN (
                        _i40 * 5
                      ) >= 4 THEN NULL ELSE _p40 END)
                    END
                  ) AS _lp136,
                  CASE
                    WHEN (
                      _i40 * 10
                    ) >= 9
                    THEN 0
                    WHEN (
                      _i40 * 5
                    ) >= 4
                    THEN 1
                    WHEN (
                      _i40 * 5
                    ) >= 3
                    THEN 2
                    WHEN TRUE
                    THEN 3
                    ELSE NULL
                  END AS _ln137
                FROM (
                  SELECT
                    _t.*,
                    CAST("年初预算" AS DECIMAL) AS _i0,
                    CASE
                      WHEN "年初预算" IS NULL
                      THEN 'D002'
                      ELSE CASE
                        WHEN ABS("年初预算") >= 1000000000000000
                        OR (
                          "年初预算" <> 0 AND ABS("年初预算") < 0.000000000000000000000000000001
                        )
                        THEN 'D011'
                        ELSE CASE WHEN NOT (
                          CAST("年初预算" AS DECIMAL) > 0
                        ) THEN 'D004' END
                      END
                    END AS _p0,
                    CAST("预算执行金额" AS DECIMAL) AS _i1,
                    CASE
                      WHEN "预算执行金额" IS NULL
                      THEN 'D002'
                      ELSE CASE
                        WHEN ABS("预算执行金额") >= 1000000000000000
                        OR (
                          "预算执行金额" <> 0 AND ABS("预算执行金额") < 0.000000000000000000000000000001
                        )
                        THEN 'D011'
                        ELSE CASE WHEN NOT (
                          CAST("预算执行金额" AS DECIMAL) >= 0
                        ) THEN 'D004' END
                      END
                    END AS _p1,
                    COALESCE(CAST("预算调整金额" AS DECIMAL), 0) AS _i2,
                    CASE
                      WHEN "预算调整金额" IS NULL
                      THEN NULL
                      ELSE CASE
                        WHEN ABS("预算调整金额") >= 1000000000000000
                        OR (
                          "预算调整金额" <> 0 AND ABS("预算调整金额") < 0.000000000000000000000000000001
                        )
                        THEN 'D011'
                        ELSE CASE WHEN NOT (
                          CAST("预算调整金额" AS DECIMAL) >= 0
                        ) THEN 'D004' END
                      END
                    END AS _p2,
                    CAST("结转结余金额" AS DECIMAL) AS _i3,
                    CASE
                      WHEN "结转结余金额" IS NULL
                      THEN 'D002'
                      ELSE CASE
                        WHEN ABS("结转结余金额") >= 1000000000000000
                        OR (
                          "结转结余金额" <> 0 AND ABS("结转结余金额") < 0.000000000000000000000000000001
                        )
                        THEN 'D011'
                        ELSE CASE WHEN NOT (
                          CAST("结转结余金额" AS DECIMAL) >= 0
                        ) THEN 'D004' END
                      END
                    END AS _p3,
                    TRIM('	
                  　' FROM "工作规划评价") AS _i4,
                    CASE
                      WHEN "工作规划评价" IS NULL
                      THEN 'D002'
                      ELSE CASE
                        WHEN NOT TRIM('	
                  　' FROM "工作规划评价") IN ('一般', '好', '较好', '较差')
                        THEN 'D003'
                      END
                    END AS _p4,
                    "符合总体规划" AS _i5,
                    CASE WHEN "符合总体规划" IS NULL THEN 'D002' ELSE NULL END AS _p5,
                    "目标细化分解" AS _i6,
                    CASE WHEN "目标细化分解" IS NULL THEN 'D002' ELSE NULL END AS _p6,
                    "任务可以实现" AS _i7,
                    CASE WHEN "任务可以实现" IS NULL THEN 'D002' ELSE NULL END AS _p7,
                    CAST("在职人员数" AS DECIMAL) AS _i8,
                    CASE
                      WHEN "在职人员数" IS NULL
                      THEN 'D002'
                      ELSE CASE
                        WHEN ABS("在职人员数") >= 1000000000000000
                        OR (
                          "在职人员数" <> 0 AND ABS("在职人员数") < 0.000000000000000000000000000001
                        )
                        THEN 'D011'
                        ELSE CASE WHEN NOT (
                          CAST("在职人员数" AS DECIMAL) >= 0
                        ) THEN 'D004' END
                      END
                    END AS _p8,
                    CAST("编制数" AS DECIMAL) AS _i9,
                    CASE
                      WHEN "编制数" IS NULL
                      THEN 'D002'
                      ELSE CASE
                        WHEN ABS("编制数") >= 1000000000000000
                        OR (
                          "编制数" <> 0 AND ABS("编制数") < 0.000000000000000000000000000001
                        )
                        THEN 'D011'
                        ELSE CASE WHEN NOT (
                          CAST("编制数" AS DECIMAL) > 0
                        ) THEN 'D004' END
                      END
                    END AS _p9,
                    CAST("本年三公经费预算" AS DECIMAL) AS _i10,
                    CASE
                      WHEN "本年三公经费预算" IS NULL
                      THEN 'D002'
                      ELSE CASE
                        WHEN ABS("本年三公经费预算") >= 1000000000000000
                        OR (
                          "本年三公经费预算" <> 0 AND ABS("本年三公经费预算") < 0.000000000000000000000000000001
                        )
                        THEN 'D011'
                        ELSE CASE WHEN NOT (
                          CAST("本年三公经费预算" AS DECIMAL) > 0
                        ) THEN 'D004' END
                      END
                    END AS _p10,
                    CAST("上年三公经费预算" AS DECIMAL) AS _i11,
                    CASE
                      WHEN "上年三公经费预算" IS NULL
                      THEN 'D002'
                      ELSE CASE
                        WHEN ABS("上年三公经费预算") >= 1000000000000000
                        OR (
                          "上年三公经费预算" <> 0 AND ABS("上年三公经费预算") < 0.000000000000000000000000000001
                        )
                        THEN 'D011'
                        ELSE CASE WHEN NOT (
                          CAST("上年三公经费预算" AS DECIMAL) > 0
                        ) THEN 'D004' END
                      END
                    END AS _p11,
                    CAST("重点项目支出" AS DECIMAL) AS _i12,
                    CASE
                      WHEN "重点项目支出" IS NULL
                      THEN 'D002'
                      ELSE CASE
                        WHEN ABS("重点项目支出") >= 1000000000000000
                        OR (
                          "重点项目支出" <> 0 AND ABS("重点项目支出") < 0.000000000000000000000000000001
                        )
                        THEN 'D011'
                        ELSE CASE WHEN NOT (
                          CAST("重点项目支出" AS DECIMAL) >= 0
                        ) THEN 'D004' END
                      END
                    END AS _p12,
                    CAST("项目总支出" AS DECIMAL) AS _i13,
                    CASE
                      WHEN "项目总支出" IS NULL
                      THEN 'D002'
                      ELSE CASE
                        WHEN ABS("项目总支出") >= 1000000000000000
                        OR (
                          "项目总支出" <> 0 AND ABS("项目总支出") < 0.000000000000000000000000000001
                        )
                        THEN 'D011'
                        ELSE CASE WHEN NOT (
                          CAST("项目总支出" AS DECIMAL) > 0
                        ) THEN 'D004' END
                      END
                    END AS _p13,
                    "第一季度支出进度达标" AS _i14,
                    CASE WHEN "第一季度支出进度达标" IS NULL THEN 'D002' ELSE NULL END AS _p14,
                    "第二季度支出进度达标" AS _i15,
                    CASE WHEN "第二季度支出进度达标" IS NULL THEN 'D002' ELSE NULL END AS _p15,
                    COALESCE("第三季度支出进度达标", TRUE) AS _i16,
                    COALESCE("十一月底支出进度达标", TRUE) AS _i17,
                    CAST("公用经费实际支出" AS DECIMAL) AS _i18,
                    CASE
                      WHEN "公用经费实际支出" IS NULL
                      THEN 'D002'
                      ELSE CASE
                        WHEN ABS("公用经费实际支出") >= 1000000000000000
                        OR (
                          "公用经费实际支出" <> 0 AND ABS("公用经费实际支出") < 0.000000000000000000000000000001
                        )
                        THEN 'D011'
                        ELSE CASE WHEN NOT (
                          CAST("公用经费实际支出" AS DECIMAL) >= 0
                        ) THEN 'D004' END
                      END
                    END AS _p18,
                    CAST("公用经费预算" AS DECIMAL) AS _i19,
                    CASE
                      WHEN "公用经费预算" IS NULL
                      THEN 'D002'
                      ELSE CASE
                        WHEN ABS("公用经费预算") >= 1000000000000000
                        OR (
                          "公用经费预算" <> 0 AND ABS("公用经费预算") < 0.000000000000000000000000000001
                        )
                        THEN 'D011'
                        ELSE CASE WHEN NOT (
                          CAST("公用经费预算" AS DECIMAL) > 0
                        ) THEN 'D004' END
                      END
                    END AS _p19,
                    CAST("三公经费实际支出" AS DECIMAL) AS _i20,
                    CASE
                      WHEN "三公经费实际支出" IS NULL
                      THEN 'D002'
                      ELSE CASE
                        WHEN ABS("三公经费实际支出") >= 1000000000000000
                        OR (
                          "三公经费实际支出" <> 0 AND ABS("三公经费实际支出") < 0.000000000000000000000000000001
                        )
                        THEN 'D011'
                        ELSE CASE WHEN NOT (
                          CAST("三公经费实际支出" AS DECIMAL) >= 0
                        ) THEN 'D004' END
                      END
                    END AS _p20,
                    CAST("政府采购支出" AS DECIMAL) AS _i21,
                    CASE
                      WHEN "政府采购支出" IS NULL
                      THEN 'D002'
                      ELSE CASE
                        WHEN ABS("政府采购支出") >= 1000000000000000
                        OR (
                          "政府采购支出" <> 0 AND ABS("政府采购支出") < 0.000000000000000000000000000001
                        )
                        THEN 'D011'
                        ELSE CASE WHEN NOT (
                          CAST("政府采购支出" AS DECIMAL) >= 0
                        ) THEN 'D004' END
                      END
                    END AS _p21,
                    CAST("政府采购预算" AS DECIMAL) AS _i22,
                    CASE
                      WHEN "政府采购预算" IS NULL
                      THEN 'D002'
                      ELSE CASE
                        WHEN ABS("政府采购预算") >= 1000000000000000
                        OR (
                          "政府采购预算" <> 0 AND ABS("政府采购预算") < 0.000000000000000000000000000001
                        )
                        THEN 'D011'
                        ELSE CASE WHEN NOT (
                          CAST("政府采购预算" AS DECIMAL) > 0
                        ) THEN 'D004' END
                      END
                    END AS _p22,
                    TRIM('	
                  　' FROM "预算管理制度评价") AS _i23,
                    CASE
                      WHEN "预算管理制度评价" IS NULL
                      THEN 'D002'
                      ELSE CASE
                        WHEN NOT TRIM('	
                  　' FROM "预算管理制度评价") IN ('一般', '好', '较好', '较差')
                        THEN 'D003'
                      END
                    END AS _p23,
                    COALESCE(CAST("资金使用违规数" AS DECIMAL), 0) AS _i24,
                    CASE
                      WHEN "资金使用违规数" IS NULL
                      THEN NULL
                      ELSE CASE
                        WHEN ABS("资金使用违规数") >= 1000000000000000
                        OR (
                          "资金使用违规数" <> 0 AND ABS("资金使用违规数") < 0.000000000000000000000000000001
                        )
                        THEN 'D011'
                        ELSE CASE WHEN NOT (
                          CAST("资金使用违规数" AS DECIMAL) >= 0
                        ) THEN 'D004' END
                      END
                    END AS _p24,
                    "按规定公开预决算" AS _i25,
                    CASE WHEN "按规定公开预决算" IS NULL THEN 'D002' ELSE NULL END AS _p25,
                    "按规定公开三公经费" AS _i26,
                    CASE WHEN "按规定公开三公经费" IS NULL THEN 'D002' ELSE NULL END AS _p26,
                    "基础数据真实完整" AS _i27,
                    CASE WHEN "基础数据真实完整" IS NULL THEN 'D002' ELSE NULL END AS _p27,
                    "会计信息真实完整" AS _i28,
                    CASE WHEN "会计信息真实完整" IS NULL THEN 'D002' ELSE NULL END AS _p28,
                    TRIM('	
                  　' FROM "资产管理制度评价") AS _i29,
                    CASE
                      WHEN "资产管理制度评价" IS NULL
                      THEN 'D002'
                      ELSE CASE
                        WHEN NOT TRIM('	
                  　' FROM "资产管理制度评价") IN ('一般', '好', '较好', '较差')
                        THEN 'D003'
                      END
                    END AS _p29,
                    COALESCE(CAST("资产管理问题数" AS DECIMAL), 0) AS _i30,
                    CASE
                      WHEN "资产管理问题数" IS NULL
                      THEN NULL
                      ELSE CASE
                        WHEN ABS("资产管理问题数") >= 1000000000000000
                        OR (
                          "资产管理问题数" <> 0 AND ABS("资产管理问题数") < 0.000000000000000000000000000001
                        )
                        THEN 'D011'
                        ELSE CASE WHEN NOT (
                          CAST("资产管理问题数" AS DECIMAL) >= 0
                        ) THEN 'D004' END
                      END
                    END AS _p30,
                    CAST("固定资产总额" AS DECIMAL) AS _i31,
                    CASE
                      WHEN "固定资产总额" IS NULL
                      THEN 'D002'
                      ELSE CASE
                        WHEN ABS("固定资产总额") >= 1000000000000000
                        OR (
                          "固定资产总额" <> 0 AND ABS("固定资产总额") < 0.000000000000000000000000000001
                        )
                        THEN 'D011'
                        ELSE CASE WHEN NOT (
                          CAST("固定资产总额" AS DECIMAL) > 0
                        ) THEN 'D004' END
                      END
                    END AS _p31,
                    CAST("在用固定资产总额" AS DECIMAL) AS _i32,
                    CASE
                      WHEN "在用固定资产总额" IS NULL
                      THEN 'D002'
                      ELSE CASE
                        WHEN ABS("在用固定资产总额") >= 1000000000000000
                        OR (
                          "在用固定资产总额" <> 0 AND ABS("在用固定资产总额") < 0.000000000000000000000000000001
                        )
                        THEN 'D011'
                        ELSE CASE WHEN NOT (
                          CAST("在用固定资产总额" AS DECIMAL) >= 0
                        ) THEN 'D004' END
                      END
                    END AS _p32,
                    CAST("实际完成率" AS DECIMAL) AS _i33,
                    CASE
                      WHEN "实际完成率" IS NULL
                      THEN 'D002'
                      ELSE CASE
                        WHEN ABS("实际完成率") >= 1000000000000000
                        OR (
                          "实际完成率" <> 0 AND ABS("实际完成率") < 0.000000000000000000000000000001
                        )
                        THEN 'D011'
                        ELSE CASE WHEN NOT (
                          CAST("实际完成率" AS DECIMAL) >= 0
                        ) THEN 'D004' END
                      END
                    END AS _p33,
                    CAST("质量达标得分" AS DECIMAL) AS _i34,
                    CASE
                      WHEN "质量达标得分" IS NULL
                      THEN 'D002'
                      ELSE CASE
                        WHEN ABS("质量达标得分") >= 1000000000000000
                        OR (
                          "质量达标得分" <> 0 AND ABS("质量达标得分") < 0.000000000000000000000000000001
                        )
                        THEN 'D011'
                        ELSE CASE WHEN NOT (
                          CAST("质量达标得分" AS DECIMAL) >= 0
                        ) THEN 'D004' END
                      END
                    END AS _p34,
                    TRIM('	
                  　' FROM "质量达标等次") AS _i35,
                    CASE
                      WHEN "质量达标等次" IS NULL
                      THEN 'D002'
                      ELSE CASE
                        WHEN NOT TRIM('	
                  　' FROM "质量达标等次") IN ('未达成', '达成', '部分达成')
                        THEN 'D003'
                      END
                    END AS _p35,
                    TRIM('	
                  　' FROM "重点工作评价") AS _i36,
                    CASE
                      WHEN "重点工作评价" IS NULL
                      THEN 'D002'
                      ELSE CASE
                        WHEN NOT TRIM('	
                  　' FROM "重点工作评价") IN ('一般', '好', '较好', '较差')
                        THEN 'D003'
                      END
                    END AS _p36,
                    TRIM('	
                  　' FROM "经济效益评价") AS _i37,
                    CASE
                      WHEN "经济效益评价" IS NULL
                      THEN 'D002'
                      ELSE CASE
                        WHEN NOT TRIM('	
                  　' FROM "经济效益评价") IN ('一般', '好', '较好', '较差')
                        THEN 'D003'
                      END
                    END AS _p37,
                    TRIM('	
                  　' FROM "社会效益评价") AS _i38,
                    CASE
                      WHEN "社会效益评价" IS NULL
                      THEN 'D002'
                      ELSE CASE
                        WHEN NOT TRIM('	
                  　' FROM "社会效益评价") IN ('一般', '好', '较好', '较差')
                        THEN 'D003'
                      END
                    END AS _p38,
                    TRIM('	
                  　' FROM "生态效益评价") AS _i39,
                    CASE
                      WHEN "生态效益评价" IS NULL
                      THEN 'D002'
                      ELSE CASE
                        WHEN NOT TRIM('	
                  　' FROM "生态效益评价") IN ('一般', '好', '较好', '较差')
                        THEN 'D003'
                      END
                    END AS _p39,
                    CAST("满意度" AS DECIMAL) AS _i40,
                    CASE
                      WHEN "满意度" IS NULL
                      THEN 'D002'
                      ELSE CASE
                        WHEN ABS("满意度") >= 1000000000000000
                        OR (
                          "满意度" <> 0 AND ABS("满意度") < 0.000000000000000000000000000001
                        )
                        THEN 'D011'
                        ELSE CASE
                          WHEN NOT (
                            CAST("满意度" AS DECIMAL) >= 0 AND CAST("满意度" AS DECIMAL) <= 1
                          )
                          THEN 'D004'
                        END
                      END
                    END AS _p40,
                    COALESCE(CAST("上年结转金额" AS DECIMAL), 0) AS _i41,
                    CASE
                      WHEN "上年结转金额" IS NULL
                      THEN NULL
                      ELSE CASE
                        WHEN ABS("上年结转金额") >= 1000000000000000
                        OR (
                          "上年结转金额" <> 0 AND ABS("上年结转金额") < 0.000000000000000000000000000001
                        )
                        THEN 'D011'
                        ELSE CASE WHEN NOT (
                          CAST("上年结转金额" AS DECIMAL) >= 0
                        ) THEN 'D004' END
                      END
                    END AS _p41,
                    COALESCE(CAST("其他调整资金" AS DECIMAL), 0) AS _i42,
                    CASE
                      WHEN "其他调整资金" IS NULL
                      THEN NULL
                      ELSE CASE
                        WHEN ABS("其他调整资金") >= 1000000000000000
                        OR (
                          "其他调整资金" <> 0 AND ABS("其他调整资金") < 0.000000000000000000000000000001
                        )
                        THEN 'D011'
                        ELSE CASE WHEN NOT (
                          CAST("其他调整资金" AS DECIMAL) >= 0
                        ) THEN 'D004' END
                      END
                    END AS _p42
                  FROM units AS _t
                  OFFSET 0
                ) AS _s1
                OFFSET 0
              ) AS _s2
              OFFSET 0
            ) AS _s3
            OFFSET 0
          ) AS _s4
          OFFSET 0
        ) AS _s5
        OFFSET 0
      ) AS _s6
      OFFSET 0
    ) AS _s7
    OFFSET 0
  ) AS _s8
) AS _units;
