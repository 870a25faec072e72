CREATE TABLE units (
  "单位" VARCHAR2(200),
  "年初预算" NUMBER(18, 6),
  "预算执行金额" NUMBER(18, 6),
  "预算调整金额" NUMBER(18, 6),
  "结转结余金额" NUMBER(18, 6),
  "工作规划评价" VARCHAR2(200),
  "符合总体规划" BOOLEAN,
  "目标细化分解" BOOLEAN,
  "任务可以实现" BOOLEAN,
  "在职人员数" NUMBER(10),
  "编制数" NUMBER(10),
  "本年三公经费预算" NUMBER(18, 6),
  "上年三公经费预算" NUMBER(18, 6),
  "重点项目支出" NUMBER(18, 6),
  "项目总支出" NUMBER(18, 6),
  "第一季度支出进度达标" BOOLEAN,
  "第二季度支出进度达标" BOOLEAN,
  "第三季度支出进度达标" BOOLEAN,
  "十一月底支出进度达标" BOOLEAN,
  "公用经费实际支出" NUMBER(18, 6),
  "公用经费预算" NUMBER(18, 6),
  "三公经费实际支出" NUMBER(18, 6),
  "政府采购支出" NUMBER(18, 6),
  "政府采购预算" NUMBER(18, 6),
  "预算管理制度评价" VARCHAR2(200),
  "资金使用违规数" NUMBER(10),
  "按规定公开预决算" BOOLEAN,
  "按规定公开三公经费" BOOLEAN,
  "基础数据真实完整" BOOLEAN,
  "会计信息真实完整" BOOLEAN,
  "资产管理制度评价" VARCHAR2(200),
  "资产管理问题数" NUMBER(10),
  "固定资产总额" NUMBER(18, 6),
  "在用固定资产总额" NUMBER(18, 6),
  "实际完成率" NUMBER(14, 8),
  "质量达标得分" NUMBER(18, 6),
  "质量达标等次" VARCHAR2(200),
  "重点工作评价" VARCHAR2(200),
  "经济效益评价" VARCHAR2(200),
  "社会效益评价" VARCHAR2(200),
  "生态效益评价" VARCHAR2(200),
  "满意度" NUMBER(14, 8),
  "上年结转金额" NUMBER(18, 6),
  "其他调整资金" NUMBER(18, 6)
);

SELECT
  "单位",
  CAST(_s15 * 0.01 AS NUMBER(18, 2)) AS "工作规划合理性",
  CAST(_s17 * 0.01 AS NUMBER(18, 2)) AS "工作目标明确性",
  CAST(_s27 * 0.01 AS NUMBER(18, 2)) AS "在职人员控制率",
  CAST(_s37 * 0.01 AS NUMBER(18, 2)) AS "“三公经费”变动率",
  CAST(_s42 * 0.01 AS NUMBER(18, 2)) AS "重点支出安排率",
  CAST(_s50 * 0.01 AS NUMBER(18, 2)) AS "预算完成率",
  CAST(_s55 * 0.01 AS NUMBER(18, 2)) AS "预算调整率",
  CAST(_s65 * 0.01 AS NUMBER(18, 2)) AS "支付进度",
  CAST(_s74 * 0.01 AS NUMBER(18, 2)) AS "结转结余率",
  CAST(_s77 * 0.01 AS NUMBER(18, 2)) AS "公用经费控制率",
  CAST(_s87 * 0.01 AS NUMBER(18, 2)) AS "“三公经费”控制率",
  CAST(_s92 * 0.01 AS NUMBER(18, 2)) AS "政府采购执行率",
  CAST(_s96 * 0.01 AS NUMBER(18, 2)) AS "管理制度健全性",
  CAST(_s100 * 0.01 AS NUMBER(18, 2)) AS "资金使用合规性",
  CAST(_s102 * 0.01 AS NUMBER(18, 2)) AS "预决算信息公开性",
  CAST(_s104 * 0.01 AS NUMBER(18, 2)) AS "基础信息完善性",
  CAST(_s108 * 0.01 AS NUMBER(18, 2)) AS "资产管理制度健全性",
  CAST(_s112 * 0.01 AS NUMBER(18, 2)) AS "资产管理安全性",
  CAST(_s118 * 0.01 AS NUMBER(18, 2)) AS "固定资产利用率",
  CAST(_s124 * 0.01 AS NUMBER(18, 2)) AS "完成实绩情况",
  CAST(_s127 * 0.01 AS NUMBER(18, 2)) AS "质量达标情况",
  CAST(_s131 * 0.01 AS NUMBER(18, 2)) AS "重点工作完成情况",
  CAST(_s135 * 0.01 AS NUMBER(18, 2)) AS "经济效益",
  CAST(_s139 * 0.01 AS NUMBER(18, 2)) AS "社会效益",
  CAST(_s143 * 0.01 AS NUMBER(18, 2)) AS "生态效益",
  CAST(_s148 * 0.01 AS NUMBER(18, 2)) AS "社会公众或服务对象满意度",
  CAST(_g157 * 0.01 AS NUMBER(18, 2)) AS "投入",
  CAST(_g156 * 0.01 AS NUMBER(18, 2)) AS "工作目标设定",
  CAST(_g155 * 0.01 AS NUMBER(18, 2)) AS "预算配置",
  CAST(_g154 * 0.01 AS NUMBER(18, 2)) AS "过程",
  CAST(_g153 * 0.01 AS NUMBER(18, 2)) AS "预算执行",
  CAST(_g152 * 0.01 AS NUMBER(18, 2)) AS "预算管理",
  CAST(_g151 * 0.01 AS NUMBER(18, 2)) AS "资产管理",
  CAST(_g150 * 0.01 AS NUMBER(18, 2)) AS "产出",
  CAST(_g150 * 0.01 AS NUMBER(18, 2)) AS "职责履行",
  CAST(_g149 * 0.01 AS NUMBER(18, 2)) AS "效果",
  CAST(_g149 * 0.01 AS NUMBER(18, 2)) AS "履职效益",
  CAST(_t158 * 0.01 AS NUMBER(18, 2)) AS "total",
  CASE
    WHEN _t158 >= 9000
    THEN '优'
    WHEN _t158 >= 8000
    THEN '良'
    WHEN _t158 >= 6000
    THEN '中'
    ELSE '差'
  END AS "grade",
  LTRIM(
    '' || CONCAT('; ', CASE WHEN NOT _p0 IS NULL AND _p0 <> 'D002' THEN _p0 || ' 年初预算' END) || CONCAT('; ', CASE WHEN NOT _p1 IS NULL AND _p1 <> 'D002' THEN _p1 || ' 预算执行金额' END) || CONCAT('; ', CASE WHEN NOT _p2 IS NULL AND _p2 <> 'D002' THEN _p2 || ' 预算调整金额' END) || CONCAT('; ', CASE WHEN NOT _p3 IS NULL AND _p3 <> 'D002' THEN _p3 || ' 结转结余金额' END) || CONCAT('; ', CASE WHEN NOT _p4 IS NULL AND _p4 <> 'D002' THEN _p4 || ' 工作规划评价' END) || CONCAT('; ', CASE WHEN NOT _p5 IS NULL AND _p5 <> 'D002' THEN _p5 || ' 符合总体规划' END) || CONCAT('; ', CASE WHEN NOT _p6 IS NULL AND _p6 <> 'D002' THEN _p6 || ' 目标细化分解' END) || CONCAT('; ', CASE WHEN NOT _p7 IS NULL AND _p7 <> 'D002' THEN _p7 || ' 任务可以实现' END) || CONCAT('; ', CASE WHEN NOT _p8 IS NULL AND _p8 <> 'D002' THEN _p8 || ' 在职人员数' END) || CONCAT('; ', CASE WHEN NOT _p9 IS NULL AND _p9 <> 'D002' THEN _p9 || ' 编制数' END) || CONCAT('; ', CASE WHEN NOT _p10 IS NULL AND _p10 <> 'D002' THEN _p10 || ' 本年三公经费预算' END) || CONCAT('; ', CASE WHEN NOT _p11 IS NULL AND _p11 <> 'D002' THEN _p11 || ' 上年三公经费预算' END) || CONCAT('; ', CASE WHEN NOT _p12 IS NULL AND _p12 <> 'D002' THEN _p12 || ' 重点项目支出' END) || CONCAT('; ', CASE WHEN NOT _p13 IS NULL AND _p13 <> 'D002' THEN _p13 || ' 项目总支出' END) || CONCAT('; ', CASE WHEN NOT _p14 IS NULL AND _p14 <> 'D002' THEN _p14 || ' 第一季度支出进度达标' END) || CONCAT('; ', CASE WHEN NOT _p15 IS NULL AND _p15 <> 'D002' THEN _p15 || ' 第二季度支出进度达标' END) || CONCAT('; ', CASE WHEN NOT _p18 IS NULL AND _p18 <> 'D002' THEN _p18 || ' 公用经费实际支出' END) || CONCAT('; ', CASE WHEN NOT _p19 IS NULL AND _p19 <> 'D002' THEN _p19 || ' 公用经费预算' END) || CONCAT('; ', CASE WHEN NOT _p20 IS NULL AND _p20 <> 'D002' THEN _p20 || ' 三公经费实际支出' END) || CONCAT('; ', CASE WHEN NOT _p21 IS NULL AND _p21 <> 'D002' THEN _p21 || ' 政府采购支出' END) || CONCAT('; ', CASE WHEN NOT _p22 IS NULL AND _p22 <> 'D002' THEN _p22 || ' 政府采购预算' END) || CONCAT('; ', CASE WHEN NOT _p23 IS NULL AND _p23 <> 'D002' THEN _p23 || ' 预算管理制度评价' END) || CONCAT('; ', CASE WHEN NOT _p24 IS NULL AND _p24 <> 'D002' THEN _p24 || ' 资金使用违规数' END) || CONCAT('; ', CASE WHEN NOT _p25 IS NULL AND _p25 <> 'D002' THEN _p25 || ' 按规定公开预决算' END) || CONCAT('; ', CASE WHEN NOT _p26 IS NULL AND _p26 <> 'D002' THEN _p26 || ' 按规定公开三公经费' END) || CONCAT('; ', CASE WHEN NOT _p27 IS NULL AND _p27 <> 'D002' THEN _p27 || ' 基础数据真实完整' END) || CONCAT('; ', CASE WHEN NOT _p28 IS NULL AND _p28 <> 'D002' THEN _p28 || ' 会计信息真实完整' END) || CONCAT('; ', CASE WHEN NOT _p29 IS NULL AND _p29 <> 'D002' THEN _p29 || ' 资产管理制度评价' END) || CONCAT('; ', CASE WHEN NOT _p30 IS NULL AND _p30 <> 'D002' THEN _p30 || ' 资产管理问题数' END) || CONCAT('; ', CASE WHEN NOT _p31 IS NULL AND _p31 <> 'D002' THEN _p31 || ' 固定资产总额' END) || CONCAT('; ', CASE WHEN NOT _p32 IS NULL AND _p32 <> 'D002' THEN _p32 || ' 在用固定资产总额' END) || CONCAT('; ', CASE WHEN NOT _p33 IS NULL AND _p33 <> 'D002' THEN _p33 || ' 实际完成率' END) || CONCAT('; ', CASE WHEN NOT _p34 IS NULL AND _p34 <> 'D002' THEN _p34 || ' 质量达标得分' END) || CONCAT('; ', CASE WHEN NOT _p35 IS NULL AND _p35 <> 'D002' THEN _p35 || ' 质量达标等次' END) || CONCAT('; ', CASE WHEN NOT _p36 IS NULL AND _p36 <> 'D002' THEN _p36 || ' 重点工作评价' END) || CONCAT('; ', CASE WHEN NOT _p37 IS NULL AND _p37 <> 'D002' THEN _p37 || ' 经济效益评价' END) || CONCAT('; ', CASE WHEN NOT _p38 IS NULL AND _p38 <> 'D002' THEN _p38 || ' 社会效益评价' END) || CONCAT('; ', CASE WHEN NOT _p39 IS NULL AND _p39 <> 'D002' THEN _p39 || ' 生态效益评价' END) || CONCAT('; ', CASE WHEN NOT _p40 IS NULL AND _p40 <> 'D002' THEN _p40 || ' 满意度' END) || CONCAT('; ', CASE WHEN NOT _p41 IS NULL AND _p41 <> 'D002' THEN _p41 || ' 上年结转金额' END) || CONCAT('; ', CASE WHEN NOT _p42 IS NULL AND _p42 <> 'D002' THEN _p42 || ' 其他调整资金' END) || CONCAT('; ', CASE WHEN _p0 = 'D002' THEN 'D002 年初预算' END) || CONCAT('; ', CASE WHEN _p1 = 'D002' THEN 'D002 预算执行金额' END) || CONCAT('; ', CASE WHEN _p2 = 'D002' THEN 'D002 预算调整金额' END) || CONCAT('; ', CASE WHEN _p3 = 'D002' THEN 'D002 结转结余金额' END) || CONCAT('; ', CASE WHEN _p4 = 'D002' THEN 'D002 工作规划评价' END) || CONCAT('; ', CASE WHEN _p5 = 'D002' THEN 'D002 符合总体规划' END) || CONCAT('; ', CASE WHEN _p6 = 'D002' THEN 'D002 目标细化分解' END) || CONCAT('; ', CASE WHEN _p7 = 'D002' THEN 'D002 任务可以实现' END) || CONCAT('; ', CASE WHEN _p8 = 'D002' THEN 'D002 在职人员数' END) || CONCAT('; ', CASE WHEN _p9 = 'D002' THEN 'D002 编制数' END) || CONCAT('; ', CASE WHEN _p10 = 'D002' THEN 'D002 本年三公经费预算' END) || CONCAT('; ', CASE WHEN _p11 = 'D002' THEN 'D002 上年三公经费预算' END) || CONCAT('; ', CASE WHEN _p12 = 'D002' THEN 'D002 重点项目支出' END) || CONCAT('; ', CASE WHEN _p13 = 'D002' THEN 'D002 项目总支出' END) || CONCAT('; ', CASE WHEN _p14 = 'D002' THEN 'D002 第一季度支出进度达标' END) || CONCAT('; ', CASE WHEN _p15 = 'D002' THEN 'D002 第二季度支出进度达标' END) || CONCAT('; ', CASE WHEN _p18 = 'D002' THEN 'D002 公用经费实际支出' END) || CONCAT('; ', CASE WHEN _p19 = 'D002' THEN 'D002 公用经费预算' END) || CONCAT('; ', CASE WHEN _p20 = 'D002' THEN 'D002 三公经费实际支出' END) || CONCAT('; ', CASE WHEN _p21 = 'D002' THEN 'D002 政府采购支出' END) || CONCAT('; ', CASE WHEN _p22 = 'D002' THEN 'D002 政府采购预算' END) || CONCAT('; ', CASE WHEN _p23 = 'D002' THEN 'D002 预算管理制度评价' END) || CONCAT('; ', CASE WHEN _p24 = 'D002' THEN 'D002 资金使用违规数' END) || CONCAT('; ', CASE WHEN _p25 = 'D002' THEN 'D002 按规定公开预决算' END) || CONCAT('; ', CASE WHEN _p26 = 'D002' THEN 'D002 按规定公开三公经费' END) || CONCAT('; ', CASE WHEN _p27 = 'D002' THEN 'D002 基础数据真实完整' END) || CONCAT('; ', CASE WHEN _p28 = 'D002' THEN 'D002 会计信息真实完整' END) || CONCAT('; ', CASE WHEN _p29 = 'D002' THEN 'D002 资产管理制度评价' END) || CONCAT('; ', CASE WHEN _p30 = 'D002' THEN 'D002 资产管理问题数' END) || CONCAT('; ', CASE WHEN _p31 = 'D002' THEN 'D002 固定资产总额' END) || CONCAT('; ', CASE WHEN _p32 = 'D002' THEN 'D002 在用固定资产总额' END) || CONCAT('; ', CASE WHEN _p33 = 'D002' THEN 'D002 实际完成率' END) || CONCAT('; ', CASE WHEN _p34 = 'D002' THEN 'D002 质量达标得分' END) || CONCAT('; ', CASE WHEN _p35 = 'D002' THEN 'D002 质量达标等次' END) || CONCAT('; ', CASE WHEN _p36 = 'D002' THEN 'D002 重点工作评价' END) || CONCAT('; ', CASE WHEN _p37 = 'D002' THEN 'D002 经济效益评价' END) || CONCAT('; ', CASE WHEN _p38 = 'D002' THEN 'D002 社会效益评价' END) || CONCAT('; ', CASE WHEN _p39 = 'D002' THEN 'D002 生态效益评价' END) || CONCAT('; ', CASE WHEN _p40 = 'D002' THEN 'D002 满意度' END) || CONCAT('; ', CASE WHEN _p41 = 'D002' THEN 'D002 上年结转金额' END) || CONCAT('; ', CASE WHEN _p42 = 'D002' THEN 'D002 其他调整资金' END) || CONCAT(
      '; ',
      CASE
        WHEN _c14 IN ('D005', 'D006')
        THEN _c14 || ' 工作规划合理性'
        WHEN NOT _c14 IS NULL
        THEN 'D008 工作规划合理性'
      END
    ) || CONCAT(
      '; ',
      CASE
        WHEN _c16 IN ('D005', 'D006')
        THEN _c16 || ' 工作目标明确性'
        WHEN NOT _c16 IS NULL
        THEN 'D008 工作目标明确性'
      END
    ) || CONCAT(
      '; ',
      CASE
        WHEN _c26 IN ('D005', 'D006')
        THEN _c26 || ' 在职人员控制率'
        WHEN NOT _c26 IS NULL
        THEN 'D008 在职人员控制率'
      END
    ) || CONCAT(
      '; ',
      CASE
        WHEN _c36 IN ('D005', 'D006')
        THEN _c36 || ' “三公经费”变动率'
        WHEN NOT _c36 IS NULL
        THEN 'D008 “三公经费”变动率'
      END
    ) || CONCAT(
      '; ',
      CASE
        WHEN _c41 IN ('D005', 'D006')
        THEN _c41 || ' 重点支出安排率'
        WHEN NOT _c41 IS NULL
        THEN 'D008 重点支出安排率'
      END
    ) || CONCAT(
      '; ',
      CASE
        WHEN _c49 IN ('D005', 'D006')
        THEN _c49 || ' 预算完成率'
        WHEN NOT _c49 IS NULL
        THEN 'D008 预算完成率'
      END
    ) || CONCAT(
      '; ',
      CASE
        WHEN _c54 IN ('D005', 'D006')
        THEN _c54 || ' 预算调整率'
        WHEN NOT _c54 IS NULL
        THEN 'D008 预算调整率'
      END
    ) || CONCAT(
      '; ',
      CASE
        WHEN _c64 IN ('D005', 'D006')
        THEN _c64 || ' 支付进度'
        WHEN NOT _c64 IS NULL
        THEN 'D008 支付进度'
      END
    ) || CONCAT(
      '; ',
      CASE
        WHEN _c73 IN ('D005', 'D006')
        THEN _c73 || ' 结转结余率'
        WHEN NOT _c73 IS NULL
        THEN 'D008 结转结余率'
      END
    ) || CONCAT(
      '; ',
      CASE
        WHEN _vp8 IN ('D005', 'D006')
        THEN _vp8 || ' 公用经费控制率'
        WHEN NOT _vp8 IS NULL
        THEN 'D008 公用经费控制率'
      END
    ) || CONCAT(
      '; ',
      CASE
        WHEN _c86 IN ('D005', 'D006')
        THEN _c86 || ' “三公经费”控制率'
        WHEN NOT _c86 IS NULL
        THEN 'D008 “三公经费”控制率'
      END
    ) || CONCAT(
      '; ',
      CASE
        WHEN _c91 IN ('D005', 'D006')
        THEN _c91 || ' 政府采购执行率'
        WHEN NOT _c91 IS NULL
        THEN 'D008 政府采购执行率'
      END
    ) || CONCAT(
      '; ',
      CASE
        WHEN _c95 IN ('D005', 'D006')
        THEN _c95 || ' 管理制度健全性'
        WHEN NOT _c95 IS NULL
        THEN 'D008 管理制度健全性'
      END
    ) || CONCAT(
      '; ',
      CASE
        WHEN _c99 IN ('D005', 'D006')
        THEN _c99 || ' 资金使用合规性'
        WHEN NOT _c99 IS NULL
        THEN 'D008 资金使用合规性'
      END
    ) || CONCAT(
      '; ',
      CASE
        WHEN _c101 IN ('D005', 'D006')
        THEN _c101 || ' 预决算信息公开性'
        WHEN NOT _c101 IS NULL
        THEN 'D008 预决算信息公开性'
      END
    ) || CONCAT(
      '; ',
      CASE
        WHEN _c103 IN ('D005', 'D006')
        THEN _c103 || ' 基础信息完善性'
        WHEN NOT _c103 IS NULL
        THEN 'D008 基础信息完善性'
      END
    ) || CONCAT(
      '; ',
      CASE
        WHEN _c107 IN ('D005', 'D006')
        THEN _c107 || ' 资产管理制度健全性'
        WHEN NOT _c107 IS NULL
        THEN 'D008 资产管理制度健全性'
      END
    ) || CONCAT(
      '; ',
      CASE
        WHEN _c111 IN ('D005', 'D006')
        THEN _c111 || ' 资产管理安全性'
        WHEN NOT _c111 IS NULL
        THEN 'D008 资产管理安全性'
      END
    ) || CONCAT(
      '; ',
      CASE
        WHEN _c117 IN ('D005', 'D006')
        THEN _c117 || ' 固定资产利用率'
        WHEN NOT _c117 IS NULL
        THEN 'D008 固定资产利用率'
      END
    ) || CONCAT(
      '; ',
      CASE
        WHEN _c123 IN ('D005', 'D006')
        THEN _c123 || ' 完成实绩情况'
        WHEN NOT _c123 IS NULL
        THEN 'D008 完成实绩情况'
      END
    ) || CONCAT(
      '; ',
      CASE
        WHEN _c126 IN ('D005', 'D006')
        THEN _c126 || ' 质量达标情况'
        WHEN NOT _c126 IS NULL
        THEN 'D008 质量达标情况'
      END
    ) || CONCAT(
      '; ',
      CASE
        WHEN _c130 IN ('D005', 'D006')
        THEN _c130 || ' 重点工作完成情况'
        WHEN NOT _c130 IS NULL
        THEN 'D008 重点工作完成情况'
      END
    ) || CONCAT(
      '; ',
      CASE
        WHEN _c134 IN ('D005', 'D006')
        THEN _c134 || ' 经济效益'
        WHEN NOT _c134 IS NULL
        THEN 'D008 经济效益'
      END
    ) || CONCAT(
      '; ',
      CASE
        WHEN _c138 IN ('D005', 'D006')
        THEN _c138 || ' 社会效益'
        WHEN NOT _c138 IS NULL
        THEN 'D008 社会效益'
      END
    ) || CONCAT(
      '; ',
      CASE
        WHEN _c142 IN ('D005', 'D006')
        THEN _c142 || ' 生态效益'
        WHEN NOT _c142 IS NULL
        THEN 'D008 生态效益'
      END
    ) || CONCAT(
      '; ',
      CASE
        WHEN _c147 IN ('D005', 'D006')
        THEN _c147 || ' 社会公众或服务对象满意度'
        WHEN NOT _c147 IS NULL
        THEN 'D008 社会公众或服务对象满意度'
      END
    ),
    '; '
  ) AS "problems"
FROM (
  SELECT
    _s9.*,
    _g157 + _g154 + _g150 + _g149 AS _t158
  FROM (
    SELECT
      _s8.*,
      _g156 + _g155 AS _g157
    FROM (
      SELECT
        _s7.*,
        _g153 + _g152 + _g151 AS _g154,
        _s27 + _s37 + _s42 AS _g155
      FROM (
        SELECT
          _s6.*,
          CASE
            WHEN NOT _c36 IS NULL
            THEN 0
            ELSE CASE
              WHEN (
                (
                  3 * (
                    _ld31 * 10
                  )
                ) - _ln32
              ) >= (
                3 * (
                  _ld31 * 10
                )
              )
              THEN 300
              WHEN (
                (
                  3 * (
                    _ld31 * 10
                  )
                ) - _ln32
              ) <= 0
              THEN 0
              ELSE CASE
                WHEN _q35 * (
                  (
                    _ld31 * 10
                  ) * 2
                ) > (
                  (
                    (
                      (
                        3 * (
                          _ld31 * 10
                        )
                      ) - _ln32
                    ) * 200
                  ) + (
                    _ld31 * 10
                  )
                )
                THEN _q35 - 1
                WHEN (
                  _q35 + 1
                ) * (
                  (
                    _ld31 * 10
                  ) * 2
                ) <= (
                  (
                    (
                      (
                        3 * (
                          _ld31 * 10
                        )
                      ) - _ln32
                    ) * 200
                  ) + (
                    _ld31 * 10
                  )
                )
                THEN _q35 + 1
                ELSE _q35
              END
            END
          END AS _s37,
          _s50 + _s55 + _s65 + _s74 + _s77 + _s87 + _s92 AS _g153
        FROM (
          SELECT
            _s5.*,
            CASE
              WHEN NOT _c26 IS NULL
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
                ELSE CASE
                  WHEN _q25 * (
                    (
                      _ld21 * 10
                    ) * 2
                  ) > (
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
                    )
                  )
                  THEN _q25 - 1
                  WHEN (
                    _q25 + 1
                  ) * (
                    (
                      _ld21 * 10
                    ) * 2
                  ) <= (
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
                    )
                  )
                  THEN _q25 + 1
                  ELSE _q25
                END
              END
            END AS _s27,
            CASE
              WHEN _ln28 <= 0
              THEN 'within'
              WHEN _ln30 = 0
              THEN 'under_step'
              WHEN _ln32 > (
                3 * (
                  _ld31 * 10
                )
              )
              THEN 'floored'
              ELSE 'deducted'
            END AS _lb34,
            CAST(FLOOR(
              (
                (
                  (
                    (
                      3 * (
                        _ld31 * 10
                      )
                    ) - _ln32
                  ) * 200
                ) + (
                  _ld31 * 10
                )
              ) / NULLIF((
                _ld31 * 10
              ) * 2, 0)
            ) AS NUMBER(38)) AS _q35,
            CASE
              WHEN NOT _c49 IS NULL
              THEN 0
              ELSE CASE
                WHEN (
                  CAST(20 AS NUMBER(38)) - _ln46
                ) >= 20
                THEN 200
                WHEN (
                  CAST(20 AS NUMBER(38)) - _ln46
                ) <= 0
                THEN 0
                ELSE (
                  CAST(20 AS NUMBER(38)) - _ln46
                ) * 10
              END
            END AS _s50,
            CASE
              WHEN NOT _c86 IS NULL
              THEN 0
              ELSE CASE
                WHEN (
                  (
                    3 * (
                      _ld81 * 10
                    )
                  ) - _ln82
                ) >= (
                  3 * (
                    _ld81 * 10
                  )
                )
                THEN 300
                WHEN (
                  (
                    3 * (
                      _ld81 * 10
                    )
                  ) - _ln82
                ) <= 0
                THEN 0
                ELSE CASE
                  WHEN _q85 * (
                    (
                      _ld81 * 10
                    ) * 2
                  ) > (
                    (
                      (
                        (
                          3 * (
                            _ld81 * 10
                          )
                        ) - _ln82
                      ) * 200
                    ) + (
                      _ld81 * 10
                    )
                  )
                  THEN _q85 - 1
                  WHEN (
                    _q85 + 1
                  ) * (
                    (
                      _ld81 * 10
                    ) * 2
                  ) <= (
                    (
                      (
                        (
                          3 * (
                            _ld81 * 10
                          )
                        ) - _ln82
                      ) * 200
                    ) + (
                      _ld81 * 10
                    )
                  )
                  THEN _q85 + 1
                  ELSE _q85
                END
              END
            END AS _s87
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
              CAST(FLOOR(
                (
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
                  )
                ) / NULLIF((
                  _ld21 * 10
                ) * 2, 0)
              ) AS NUMBER(38)) AS _q25,
              _ln30 * 3 AS _ln32,
              COALESCE(
                _vp2,
                CASE
                  WHEN _ln28 <= 0
                  THEN NULL
                  ELSE COALESCE(_lp29, CASE WHEN _ln30 = 0 THEN NULL ELSE _lp29 END)
                END
              ) AS _lp33,
              COALESCE(
                _vp2,
                COALESCE(_vp2, CASE WHEN _ln28 <= 0 THEN NULL ELSE _vp2 END),
                _lp29,
                COALESCE(
                  _vp2,
                  CASE
                    WHEN _ln28 <= 0
                    THEN NULL
                    ELSE COALESCE(_lp29, CASE WHEN _ln30 = 0 THEN NULL ELSE _lp29 END)
                  END
                )
              ) AS _c36,
              CASE
                WHEN NOT _c41 IS NULL
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
              END AS _s42,
              COALESCE(
                _vp5,
                CASE
                  WHEN _ln43 <= 0
                  THEN NULL
                  ELSE COALESCE(_lp45, CASE WHEN _ln46 = 0 THEN NULL ELSE _lp45 END)
                END
              ) AS _lp47,
              CASE
                WHEN _ln43 <= 0
                THEN 'within'
                WHEN _ln46 = 0
                THEN 'under_step'
                WHEN _ln46 > 20
                THEN 'floored'
                ELSE 'deducted'
              END AS _lb48,
              COALESCE(
                _vp5,
                COALESCE(_vp5, CASE WHEN _ln43 <= 0 THEN NULL ELSE _vp5 END),
                _lp45,
                COALESCE(
                  _vp5,
                  CASE
                    WHEN _ln43 <= 0
                    THEN NULL
                    ELSE COALESCE(_lp45, CASE WHEN _ln46 = 0 THEN NULL ELSE _lp45 END)
                  END
                )
              ) AS _c49,
              CASE
                WHEN NOT _c54 IS NULL
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
              END AS _s55,
              CASE
                WHEN NOT _c64 IS NULL
                THEN 0
                ELSE CASE
                  WHEN (
                    4 - _ln61
                  ) >= 4
                  THEN 400
                  WHEN (
                    4 - _ln61
                  ) <= 0
                  THEN 0
                  ELSE (
                    4 - _ln61
                  ) * 100
                END
              END AS _s65,
              CASE
                WHEN NOT _c73 IS NULL
                THEN 0
                ELSE CASE
                  WHEN (
                    (
                      2 * (
                        _ld69 * 10
                      )
                    ) - _ln68
                  ) >= (
                    2 * (
                      _ld69 * 10
                    )
                  )
                  THEN 200
                  WHEN (
                    (
                      2 * (
                        _ld69 * 10
                      )
                    ) - _ln68
                  ) <= 0
                  THEN 0
                  ELSE CASE
                    WHEN _q72 * (
                      (
                        _ld69 * 10
                      ) * 2
                    ) > (
                      (
                        (
                          (
                            2 * (
                              _ld69 * 10
                            )
                          ) - _ln68
                        ) * 200
                      ) + (
                        _ld69 * 10
                      )
                    )
                    THEN _q72 - 1
                    WHEN (
                      _q72 + 1
                    ) * (
                      (
                        _ld69 * 10
                      ) * 2
                    ) <= (
                      (
                        (
                          (
                            2 * (
                              _ld69 * 10
                            )
                          ) - _ln68
                        ) * 200
                      ) + (
                        _ld69 * 10
                      )
                    )
                    THEN _q72 + 1
                    ELSE _q72
                  END
                END
              END AS _s74,
              CASE
                WHEN _ln78 <= 0
                THEN 'within'
                WHEN _ln80 = 0
                THEN 'under_step'
                WHEN _ln82 > (
                  3 * (
                    _ld81 * 10
                  )
                )
                THEN 'floored'
                ELSE 'deducted'
              END AS _lb84,
              CAST(FLOOR(
                (
                  (
                    (
                      (
                        3 * (
                          _ld81 * 10
                        )
                      ) - _ln82
                    ) * 200
                  ) + (
                    _ld81 * 10
                  )
                ) / NULLIF((
                  _ld81 * 10
                ) * 2, 0)
              ) AS NUMBER(38)) AS _q85,
              CASE
                WHEN NOT _c91 IS NULL
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
              END AS _s92,
              _s135 + _s139 + _s143 + _s148 AS _g149,
              _s124 + _s127 + _s131 AS _g150,
              _s108 + _s112 + _s118 AS _g151
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
                ) AS _c26,
                COALESCE(_vp2, CASE WHEN _ln28 <= 0 THEN NULL ELSE _vp2 END) AS _lp29,
                CASE WHEN _ln28 <= 0 THEN 0 ELSE _ln28 * 100 END AS _ln30,
                CASE WHEN _ln28 <= 0 THEN 1 ELSE _i11 END AS _ld31,
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
                  _lp38
                ) AS _c41,
                CASE
                  WHEN _ln43 <= 0
                  THEN 0
                  ELSE CASE
                    WHEN _q44 * _i0 > (
                      _ln43 * 100
                    )
                    THEN _q44 - 1
                    WHEN (
                      _q44 + 1
                    ) * _i0 <= (
                      _ln43 * 100
                    )
                    THEN _q44 + 1
                    ELSE _q44
                  END
                END AS _ln46,
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
                  _lp51
                ) AS _c54,
                COALESCE(_lp60, CASE WHEN _ln61 = 0 THEN NULL ELSE _lp60 END) AS _lp62,
                CASE WHEN _ln61 = 0 THEN 'none' WHEN _ln61 > 4 THEN 'floored' ELSE 'deducted' END AS _lb63,
                COALESCE(
                  _p14,
                  _p15,
                  COALESCE(_p14, _p15),
                  COALESCE(_lp60, CASE WHEN _ln61 = 0 THEN NULL ELSE _lp60 END),
                  _lp60
                ) AS _c64,
                COALESCE(
                  _vp7,
                  CASE
                    WHEN _ln66 <= 0
                    THEN NULL
                    ELSE COALESCE(_lp67, CASE WHEN _ln68 = 0 THEN NULL ELSE _lp67 END)
                  END
                ) AS _lp70,
                CASE
                  WHEN _ln66 <= 0
                  THEN 'within'
                  WHEN _ln68 = 0
                  THEN 'under_step'
                  WHEN _ln68 > (
                    2 * (
                      _ld69 * 10
                    )
                  )
                  THEN 'floored'
                  ELSE 'deducted'
                END AS _lb71,
                CAST(FLOOR(
                  (
                    (
                      (
                        (
                          2 * (
                            _ld69 * 10
                          )
                        ) - _ln68
                      ) * 200
                    ) + (
                      _ld69 * 10
                    )
                  ) / NULLIF((
                    _ld69 * 10
                  ) * 2, 0)
                ) AS NUMBER(38)) AS _q72,
                COALESCE(
                  _vp7,
                  COALESCE(_vp7, CASE WHEN _ln66 <= 0 THEN NULL ELSE _vp7 END),
                  _lp67,
                  COALESCE(
                    _vp7,
                    CASE
                      WHEN _ln66 <= 0
                      THEN NULL
                      ELSE COALESCE(_lp67, CASE WHEN _ln68 = 0 THEN NULL ELSE _lp67 END)
                    END
                  )
                ) AS _c73,
                _ln80 * 3 AS _ln82,
                COALESCE(
                  _vp9,
                  CASE
                    WHEN _ln78 <= 0
                    THEN NULL
                    ELSE COALESCE(_lp79, CASE WHEN _ln80 = 0 THEN NULL ELSE _lp79 END)
                  END
                ) AS _lp83,
                COALESCE(
                  _vp9,
                  COALESCE(_vp9, CASE WHEN _ln78 <= 0 THEN NULL ELSE _vp9 END),
                  _lp79,
                  COALESCE(
                    _vp9,
                    CASE
                      WHEN _ln78 <= 0
                      THEN NULL
                      ELSE COALESCE(_lp79, CASE WHEN _ln80 = 0 THEN NULL ELSE _lp79 END)
                    END
                  )
                ) AS _c86,
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
                  _lp88
                ) AS _c91,
                CASE
                  WHEN NOT _c117 IS NULL
                  THEN 0
                  ELSE CASE
                    WHEN _ln113 >= (
                      4 * _i31
                    )
                    THEN 400
                    WHEN _ln113 <= 0
                    THEN 0
                    ELSE CASE
                      WHEN _q116 * (
                        _i31 * 2
                      ) > (
                        (
                          _ln113 * 200
                        ) + _i31
                      )
                      THEN _q116 - 1
                      WHEN (
                        _q116 + 1
                      ) * (
                        _i31 * 2
                      ) <= (
                        (
                          _ln113 * 200
                        ) + _i31
                      )
                      THEN _q116 + 1
                      ELSE _q116
                    END
                  END
                END AS _s118,
                CASE
                  WHEN NOT _c123 IS NULL
                  THEN 0
                  ELSE CASE
                    WHEN _ln119 >= 800000000
                    THEN 800
                    WHEN _ln119 <= 0
                    THEN 0
                    ELSE CASE
                      WHEN _q122 * 200000000 > (
                        (
                          _ln119 * 200
                        ) + 100000000
                      )
                      THEN _q122 - 1
                      WHEN (
                        _q122 + 1
                      ) * 200000000 <= (
                        (
                          _ln119 * 200
                        ) + 100000000
                      )
                      THEN _q122 + 1
                      ELSE _q122
                    END
                  END
                END AS _s124,
                CASE
                  WHEN NOT _c147 IS NULL
                  THEN 0
                  ELSE CASE
                    WHEN _i40 >= 90000000
                    THEN 500
                    WHEN _i40 >= 80000000
                    THEN 400
                    WHEN _i40 >= 60000000
                    THEN 300
                    WHEN TRUE
                    THEN 0
                    ELSE 0
                  END
                END AS _s148,
                _s96 + _s100 + _s102 + _s104 AS _g152,
                _s15 + _s17 AS _g156
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
                      ELSE (
                        (
                          CASE WHEN _i5 THEN 1 ELSE 0 END + CASE WHEN _i6 THEN 1 ELSE 0 END
                        ) + CASE WHEN _i7 THEN 1 ELSE 0 END
                      ) * 100
                    END
                  END AS _s17,
                  COALESCE(_vp1, CASE WHEN _ln18 <= 0 THEN NULL ELSE _vp1 END) AS _lp19,
                  CASE WHEN _ln18 <= 0 THEN 0 ELSE _ln18 * 100 END AS _ln20,
                  CASE WHEN _ln18 <= 0 THEN 1 ELSE _i9 END AS _ld21,
                  _vn3 - (
                    0 * _i11
                  ) AS _ln28,
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
                  ) AS _lp38,
                  CASE WHEN _ln39 IS NULL THEN 'no_band' ELSE 'band' END AS _lb40,
                  CAST(FLOOR((
                    _ln43 * 100
                  ) / NULLIF(_i0, 0)) AS NUMBER(38)) AS _q44,
                  COALESCE(_vp5, CASE WHEN _ln43 <= 0 THEN NULL ELSE _vp5 END) AS _lp45,
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
                  ) AS _lp51,
                  CASE WHEN _ln52 IS NULL THEN 'no_band' ELSE 'band' END AS _lb53,
                  (
                    CASE WHEN _lb56 THEN 1 ELSE 0 END + CASE WHEN _lb57 THEN 1 ELSE 0 END
                  ) + (
                    CASE WHEN _lb58 THEN 1 ELSE 0 END + CASE WHEN _lb59 THEN 1 ELSE 0 END
                  ) AS _ln61,
                  COALESCE(_vp7, CASE WHEN _ln66 <= 0 THEN NULL ELSE _vp7 END) AS _lp67,
                  CASE WHEN _ln66 <= 0 THEN 0 ELSE _ln66 * 100 END AS _ln68,
                  CASE WHEN _ln66 <= 0 THEN 1 ELSE _i0 END AS _ld69,
                  CASE WHEN _lb75 THEN 'met' ELSE 'unmet' END AS _lb76,
                  CASE WHEN NOT _vp8 IS NULL THEN 0 ELSE CASE WHEN _lb75 THEN 300 ELSE 0 END END AS _s77,
                  COALESCE(_vp9, CASE WHEN _ln78 <= 0 THEN NULL ELSE _vp9 END) AS _lp79,
                  CASE WHEN _ln78 <= 0 THEN 0 ELSE _ln78 * 100 END AS _ln80,
                  CASE WHEN _ln78 <= 0 THEN 1 ELSE _i10 END AS _ld81,
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
                  ) AS _lp88,
                  CASE WHEN _ln89 IS NULL THEN 'no_band' ELSE 'band' END AS _lb90,
                  CASE
                    WHEN NOT _c95 IS NULL
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
                  END AS _s96,
                  CASE
                    WHEN NOT _c99 IS NULL
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
                      ELSE (
                        3 - _i24
                      ) * 100
                    END
                  END AS _s100,
                  CASE
                    WHEN NOT _c101 IS NULL
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
                      ELSE (
                        CASE WHEN _i25 THEN 2 ELSE 0 END + CASE WHEN _i26 THEN 1 ELSE 0 END
                      ) * 100
                    END
                  END AS _s102,
                  CASE
                    WHEN NOT _c103 IS NULL
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
                      ELSE (
                        CASE WHEN _i27 THEN 3 ELSE 0 END + CASE WHEN _i28 THEN 3 ELSE 0 END
                      ) * 50
                    END
                  END AS _s104,
                  CASE
                    WHEN NOT _c107 IS NULL
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
                  END AS _s108,
                  CASE
                    WHEN NOT _c111 IS NULL
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
                      ELSE (
                        3 - _i30
                      ) * 100
                    END
                  END AS _s112,
                  COALESCE(_vp11, CASE WHEN _ln113 > (
                    4 * _i31
                  ) THEN NULL ELSE _vp11 END) AS _lp114,
                  CASE
                    WHEN _ln113 > (
                      4 * _i31
                    )
                    THEN 'capped'
                    WHEN _ln113 < 0
                    THEN 'negative'
                    ELSE 'scored'
                  END AS _lb115,
                  CAST(FLOOR((
                    (
                      _ln113 * 200
                    ) + _i31
                  ) / NULLIF(_i31 * 2, 0)) AS NUMBER(38)) AS _q116,
                  COALESCE(_vp11, COALESCE(_vp11, CASE WHEN _ln113 > (
                    4 * _i31
                  ) THEN NULL ELSE _vp11 END)) AS _c117,
                  COALESCE(_p33, CASE WHEN _ln119 > 800000000 THEN NULL ELSE _p33 END) AS _lp120,
                  CASE
                    WHEN _ln119 > 800000000
                    THEN 'capped'
                    WHEN _ln119 < 0
                    THEN 'negative'
                    ELSE 'scored'
                  END AS _lb121,
                  CAST(FLOOR((
                    (
                      _ln119 * 200
                    ) + 100000000
                  ) / NULLIF(200000000, 0)) AS NUMBER(38)) AS _q122,
                  COALESCE(_p33, COALESCE(_p33, CASE WHEN _ln119 > 800000000 THEN NULL ELSE _p33 END)) AS _c123,
                  CASE
                    WHEN NOT _c126 IS NULL
                    THEN 0
                    ELSE CASE
                      WHEN CASE
                        WHEN _i35 = '达成'
                        THEN CASE WHEN (
                          _i34 >= 6400000
                        ) AND (
                          _i34 <= 8000000
                        ) THEN _i34 ELSE NULL END
                        WHEN _i35 = '部分达成'
                        THEN CASE WHEN (
                          _i34 >= 4800000
                        ) AND (
                          _i34 <= 6400000
                        ) THEN _i34 ELSE NULL END
                        WHEN _i35 = '未达成'
                        THEN CASE WHEN (
                          _i34 >= 0
                        ) AND (
                          _i34 <= 4800000
                        ) THEN _i34 ELSE NULL END
                        ELSE NULL
                      END >= 8000000
                      THEN 800
                      WHEN CASE
                        WHEN _i35 = '达成'
                        THEN CASE WHEN (
                          _i34 >= 6400000
                        ) AND (
                          _i34 <= 8000000
                        ) THEN _i34 ELSE NULL END
                        WHEN _i35 = '部分达成'
                        THEN CASE WHEN (
                          _i34 >= 4800000
                        ) AND (
                          _i34 <= 6400000
                        ) THEN _i34 ELSE NULL END
                        WHEN _i35 = '未达成'
                        THEN CASE WHEN (
                          _i34 >= 0
                        ) AND (
                          _i34 <= 4800000
                        ) THEN _i34 ELSE NULL END
                        ELSE NULL
                      END <= 0
                      THEN 0
                      ELSE CASE
                        WHEN _q125 * 2000000 > (
                          (
                            CASE
                              WHEN _i35 = '达成'
                              THEN CASE WHEN (
                                _i34 >= 6400000
                              ) AND (
                                _i34 <= 8000000
                              ) THEN _i34 ELSE NULL END
                              WHEN _i35 = '部分达成'
                              THEN CASE WHEN (
                                _i34 >= 4800000
                              ) AND (
                                _i34 <= 6400000
                              ) THEN _i34 ELSE NULL END
                              WHEN _i35 = '未达成'
                              THEN CASE WHEN (
                                _i34 >= 0
                              ) AND (
                                _i34 <= 4800000
                              ) THEN _i34 ELSE NULL END
                              ELSE NULL
                            END * 200
                          ) + 1000000
                        )
                        THEN _q125 - 1
                        WHEN (
                          _q125 + 1
                        ) * 2000000 <= (
                          (
                            CASE
                              WHEN _i35 = '达成'
                              THEN CASE WHEN (
                                _i34 >= 6400000
                              ) AND (
                                _i34 <= 8000000
                              ) THEN _i34 ELSE NULL END
                              WHEN _i35 = '部分达成'
                              THEN CASE WHEN (
                                _i34 >= 4800000
                              ) AND (
                                _i34 <= 6400000
                              ) THEN _i34 ELSE NULL END
                              WHEN _i35 = '未达成'
                              THEN CASE WHEN (
                                _i34 >= 0
                              ) AND (
                                _i34 <= 4800000
                              ) THEN _i34 ELSE NULL END
                              ELSE NULL
                            END * 200
                          ) + 1000000
                        )
                        THEN _q125 + 1
                        ELSE _q125
                      END
                    END
                  END AS _s127,
                  CASE
                    WHEN NOT _c130 IS NULL
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
                  END AS _s131,
                  CASE
                    WHEN NOT _c134 IS NULL
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
                  END AS _s135,
                  CASE
                    WHEN NOT _c138 IS NULL
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
                  END AS _s139,
                  CASE
                    WHEN NOT _c142 IS NULL
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
                  END AS _s143,
                  CASE WHEN _ln145 IS NULL THEN 'no_band' ELSE 'band' END AS _lb146,
                  COALESCE(
                    COALESCE(
                      _p40,
                      CASE
                        WHEN _i40 >= 90000000
                        THEN NULL
                        ELSE COALESCE(_p40, CASE WHEN _i40 >= 80000000 THEN NULL ELSE _p40 END)
                      END
                    ),
                    _lp144
                  ) AS _c147
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
                    END AS _ln39,
                    _i0 - _i1 AS _ln43,
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
                    END AS _ln52,
                    NOT _i14 AS _lb56,
                    NOT _i15 AS _lb57,
                    NOT _i16 AS _lb58,
                    NOT _i17 AS _lb59,
                    COALESCE(_p14, _p15) AS _lp60,
                    _i3 - (
                      0 * _i0
                    ) AS _ln66,
                    _i18 <= _i19 AS _lb75,
                    _i20 - _i10 AS _ln78,
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
                    ) AS _lp93,
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
                    END AS _ln94,
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
                    ) AS _c95,
                    COALESCE(_p24, CASE WHEN _i24 <= 0 THEN NULL ELSE _p24 END) AS _lp97,
                    CASE WHEN _i24 <= 0 THEN 'none' WHEN _i24 > 3 THEN 'floored' ELSE 'deducted' END AS _lb98,
                    COALESCE(_p24, COALESCE(_p24, CASE WHEN _i24 <= 0 THEN NULL ELSE _p24 END)) AS _c99,
                    COALESCE(_p25, _p26) AS _c101,
                    COALESCE(_p27, _p28) AS _c103,
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
                    ) AS _lp105,
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
                    END AS _ln106,
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
                    ) AS _c107,
                    COALESCE(_p30, CASE WHEN _i30 <= 0 THEN NULL ELSE _p30 END) AS _lp109,
                    CASE WHEN _i30 <= 0 THEN 'none' WHEN _i30 > 3 THEN 'floored' ELSE 'deducted' END AS _lb110,
                    COALESCE(_p30, COALESCE(_p30, CASE WHEN _i30 <= 0 THEN NULL ELSE _p30 END)) AS _c111,
                    _i32 * 4 AS _ln113,
                    _i33 * 8 AS _ln119,
                    CAST(FLOOR(
                      (
                        (
                          CASE
                            WHEN _i35 = '达成'
                            THEN CASE WHEN (
                              _i34 >= 6400000
                            ) AND (
                              _i34 <= 8000000
                            ) THEN _i34 ELSE NULL END
                            WHEN _i35 = '部分达成'
                            THEN CASE WHEN (
                              _i34 >= 4800000
                            ) AND (
                              _i34 <= 6400000
                            ) THEN _i34 ELSE NULL END
                            WHEN _i35 = '未达成'
                            THEN CASE WHEN (
                              _i34 >= 0
                            ) AND (
                              _i34 <= 4800000
                            ) THEN _i34 ELSE NULL END
                            ELSE NULL
                          END * 200
                        ) + 1000000
                      ) / NULLIF(2000000, 0)
                    ) AS NUMBER(38)) AS _q125,
                    COALESCE(
                      COALESCE(
                        _p35,
                        CASE
                          WHEN _i35 = '达成'
                          THEN COALESCE(
                            COALESCE(_p34, CASE WHEN _i34 >= 6400000 THEN _p34 END),
                            CASE WHEN (
                              _i34 >= 6400000
                            ) AND (
                              _i34 <= 8000000
                            ) THEN NULL ELSE 'D006' END
                          )
                          ELSE COALESCE(
                            _p35,
                            CASE
                              WHEN _i35 = '部分达成'
                              THEN COALESCE(
                                COALESCE(_p34, CASE WHEN _i34 >= 4800000 THEN _p34 END),
                                CASE WHEN (
                                  _i34 >= 4800000
                                ) AND (
                                  _i34 <= 6400000
                                ) THEN NULL ELSE 'D006' END
                              )
                              ELSE COALESCE(
                                _p35,
                                CASE
                                  WHEN _i35 = '未达成'
                                  THEN COALESCE(
                                    COALESCE(_p34, CASE WHEN _i34 >= 0 THEN _p34 END),
                                    CASE WHEN (
                                      _i34 >= 0
                                    ) AND (
                                      _i34 <= 4800000
                                    ) THEN NULL ELSE 'D006' END
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
                          _i34 >= 6400000
                        ) AND (
                          _i34 <= 8000000
                        ) THEN _p34 END
                        WHEN _i35 = '部分达成'
                        THEN CASE WHEN (
                          _i34 >= 4800000
                        ) AND (
                          _i34 <= 6400000
                        ) THEN _p34 END
                        WHEN _i35 = '未达成'
                        THEN CASE WHEN (
                          _i34 >= 0
                        ) AND (
                          _i34 <= 4800000
                        ) THEN _p34 END
                      END
                    ) AS _c126,
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
                    ) AS _lp128,
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
                    END AS _ln129,
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
                    ) AS _c130,
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
                    ) AS _lp132,
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
                    END AS _ln133,
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
                    ) AS _c134,
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
                    ) AS _lp136,
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
                    END AS _ln137,
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
                    ) AS _c138,
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
                    ) AS _lp140,
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
                    END AS _ln141,
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
                    ) AS _c142,
                    COALESCE(
                      _p40,
                      CASE
                        WHEN _i40 >= 90000000
                        THEN NULL
                        ELSE COALESCE(_p40, CASE WHEN _i40 >= 80000000 THEN NULL ELSE _p40 END)
                      END
                    ) AS _lp144,
                    CASE
                      WHEN _i40 >= 90000000
                      THEN 0
                      WHEN _i40 >= 80000000
                      THEN 1
                      WHEN _i40 >= 60000000
                      THEN 2
                      WHEN TRUE
                      THEN 3
                      ELSE NULL
                    END AS _ln145
                  FROM (
                    SELECT
                      _t.*,
                      CAST(CAST("年初预算" AS NUMBER(38, 6)) * 1000000 AS NUMBER(38)) AS _i0,
                      CASE
                        WHEN "年初预算" IS NULL
                        THEN 'D002'
                        ELSE CASE
                          WHEN NOT (
                            CAST(CAST("年初预算" AS NUMBER(38, 6)) * 1000000 AS NUMBER(38)) > 0
                          )
                          THEN 'D004'
                        END
                      END AS _p0,
                      CAST(CAST("预算执行金额" AS NUMBER(38, 6)) * 1000000 AS NUMBER(38)) AS _i1,
                      CASE
                        WHEN "预算执行金额" IS NULL
                        THEN 'D002'
                        ELSE CASE
                          WHEN NOT (
                            CAST(CAST("预算执行金额" AS NUMBER(38, 6)) * 1000000 AS NUMBER(38)) >= 0
                          )
                          THEN 'D004'
                        END
                      END AS _p1,
                      COALESCE(CAST(CAST("预算调整金额" AS NUMBER(38, 6)) * 1000000 AS NUMBER(38)), 0) AS _i2,
                      CASE
                        WHEN "预算调整金额" IS NULL
                        THEN NULL
                        ELSE CASE
                          WHEN NOT (
                            CAST(CAST("预算调整金额" AS NUMBER(38, 6)) * 1000000 AS NUMBER(38)) >= 0
                          )
                          THEN 'D004'
                        END
                      END AS _p2,
                      CAST(CAST("结转结余金额" AS NUMBER(38, 6)) * 1000000 AS NUMBER(38)) AS _i3,
                      CASE
                        WHEN "结转结余金额" IS NULL
                        THEN 'D002'
                        ELSE CASE
                          WHEN NOT (
                            CAST(CAST("结转结余金额" AS NUMBER(38, 6)) * 1000000 AS NUMBER(38)) >= 0
                          )
                          THEN 'D004'
                        END
                      END AS _p3,
                      TRIM("工作规划评价") AS _i4,
                      CASE
                        WHEN "工作规划评价" IS NULL
                        THEN 'D002'
                        ELSE CASE WHEN NOT TRIM("工作规划评价") IN ('一般', '好', '较好', '较差') THEN 'D003' END
                      END AS _p4,
                      "符合总体规划" AS _i5,
                      CASE WHEN "符合总体规划" IS NULL THEN 'D002' ELSE NULL END AS _p5,
                      "目标细化分解" AS _i6,
                      CASE WHEN "目标细化分解" IS NULL THEN 'D002' ELSE NULL END AS _p6,
                      "任务可以实现" AS _i7,
                      CASE WHEN "任务可以实现" IS NULL THEN 'D002' ELSE NULL END AS _p7,
                      CAST("在职人员数" AS NUMBER(38)) AS _i8,
                      CASE
                        WHEN "在职人员数" IS NULL
                        THEN 'D002'
                        ELSE CASE WHEN NOT (
                          CAST("在职人员数" AS NUMBER(38)) >= 0
                        ) THEN 'D004' END
                      END AS _p8,
                      CAST("编制数" AS NUMBER(38)) AS _i9,
                      CASE
                        WHEN "编制数" IS NULL
                        THEN 'D002'
                        ELSE CASE WHEN NOT (
                          CAST("编制数" AS NUMBER(38)) > 0
                        ) THEN 'D004' END
                      END AS _p9,
                      CAST(CAST("本年三公经费预算" AS NUMBER(38, 6)) * 1000000 AS NUMBER(38)) AS _i10,
                      CASE
                        WHEN "本年三公经费预算" IS NULL
                        THEN 'D002'
                        ELSE CASE
                          WHEN NOT (
                            CAST(CAST("本年三公经费预算" AS NUMBER(38, 6)) * 1000000 AS NUMBER(38)) > 0
                          )
                          THEN 'D004'
                        END
                      END AS _p10,
                      CAST(CAST("上年三公经费预算" AS NUMBER(38, 6)) * 1000000 AS NUMBER(38)) AS _i11,
                      CASE
                        WHEN "上年三公经费预算" IS NULL
                        THEN 'D002'
                        ELSE CASE
                          WHEN NOT (
                            CAST(CAST("上年三公经费预算" AS NUMBER(38, 6)) * 1000000 AS NUMBER(38)) > 0
                          )
                          THEN 'D004'
                        END
                      END AS _p11,
                      CAST(CAST("重点项目支出" AS NUMBER(38, 6)) * 1000000 AS NUMBER(38)) AS _i12,
                      CASE
                        WHEN "重点项目支出" IS NULL
                        THEN 'D002'
                        ELSE CASE
                          WHEN NOT (
                            CAST(CAST("重点项目支出" AS NUMBER(38, 6)) * 1000000 AS NUMBER(38)) >= 0
                          )
                          THEN 'D004'
                        END
                      END AS _p12,
                      CAST(CAST("项目总支出" AS NUMBER(38, 6)) * 1000000 AS NUMBER(38)) AS _i13,
                      CASE
                        WHEN "项目总支出" IS NULL
                        THEN 'D002'
                        ELSE CASE
                          WHEN NOT (
                            CAST(CAST("项目总支出" AS NUMBER(38, 6)) * 1000000 AS NUMBER(38)) > 0
                          )
                          THEN 'D004'
                        END
                      END AS _p13,
                      "第一季度支出进度达标" AS _i14,
                      CASE WHEN "第一季度支出进度达标" IS NULL THEN 'D002' ELSE NULL END AS _p14,
                      "第二季度支出进度达标" AS _i15,
                      CASE WHEN "第二季度支出进度达标" IS NULL THEN 'D002' ELSE NULL END AS _p15,
                      COALESCE("第三季度支出进度达标", TRUE) AS _i16,
                      COALESCE("十一月底支出进度达标", TRUE) AS _i17,
                      CAST(CAST("公用经费实际支出" AS NUMBER(38, 6)) * 1000000 AS NUMBER(38)) AS _i18,
                      CASE
                        WHEN "公用经费实际支出" IS NULL
                        THEN 'D002'
                        ELSE CASE
                          WHEN NOT (
                            CAST(CAST("公用经费实际支出" AS NUMBER(38, 6)) * 1000000 AS NUMBER(38)) >= 0
                          )
                          THEN 'D004'
                        END
                      END AS _p18,
                      CAST(CAST("公用经费预算" AS NUMBER(38, 6)) * 1000000 AS NUMBER(38)) AS _i19,
                      CASE
                        WHEN "公用经费预算" IS NULL
                        THEN 'D002'
                        ELSE CASE
                          WHEN NOT (
                            CAST(CAST("公用经费预算" AS NUMBER(38, 6)) * 1000000 AS NUMBER(38)) > 0
                          )
                          THEN 'D004'
                        END
                      END AS _p19,
                      CAST(CAST("三公经费实际支出" AS NUMBER(38, 6)) * 1000000 AS NUMBER(38)) AS _i20,
                      CASE
                        WHEN "三公经费实际支出" IS NULL
                        THEN 'D002'
                        ELSE CASE
                          WHEN NOT (
                            CAST(CAST("三公经费实际支出" AS NUMBER(38, 6)) * 1000000 AS NUMBER(38)) >= 0
                          )
                          THEN 'D004'
                        END
                      END AS _p20,
                      CAST(CAST("政府采购支出" AS NUMBER(38, 6)) * 1000000 AS NUMBER(38)) AS _i21,
                      CASE
                        WHEN "政府采购支出" IS NULL
                        THEN 'D002'
                        ELSE CASE
                          WHEN NOT (
                            CAST(CAST("政府采购支出" AS NUMBER(38, 6)) * 1000000 AS NUMBER(38)) >= 0
                          )
                          THEN 'D004'
                        END
                      END AS _p21,
                      CAST(CAST("政府采购预算" AS NUMBER(38, 6)) * 1000000 AS NUMBER(38)) AS _i22,
                      CASE
                        WHEN "政府采购预算" IS NULL
                        THEN 'D002'
                        ELSE CASE
                          WHEN NOT (
                            CAST(CAST("政府采购预算" AS NUMBER(38, 6)) * 1000000 AS NUMBER(38)) > 0
                          )
                          THEN 'D004'
                        END
                      END AS _p22,
                      TRIM("预算管理制度评价") AS _i23,
                      CASE
                        WHEN "预算管理制度评价" IS NULL
                        THEN 'D002'
                        ELSE CASE WHEN NOT TRIM("预算管理制度评价") IN ('一般', '好', '较好', '较差') THEN 'D003' END
                      END AS _p23,
                      COALESCE(CAST("资金使用违规数" AS NUMBER(38)), 0) AS _i24,
                      CASE
                        WHEN "资金使用违规数" IS NULL
                        THEN NULL
                        ELSE CASE WHEN NOT (
                          CAST("资金使用违规数" AS NUMBER(38)) >= 0
                        ) THEN 'D004' END
                      END AS _p24,
                      "按规定公开预决算" AS _i25,
                      CASE WHEN "按规定公开预决算" IS NULL THEN 'D002' ELSE NULL END AS _p25,
                      "按规定公开三公经费" AS _i26,
                      CASE WHEN "按规定公开三公经费" IS NULL THEN 'D002' ELSE NULL END AS _p26,
                      "基础数据真实完整" AS _i27,
                      CASE WHEN "基础数据真实完整" IS NULL THEN 'D002' ELSE NULL END AS _p27,
                      "会计信息真实完整" AS _i28,
                      CASE WHEN "会计信息真实完整" IS NULL THEN 'D002' ELSE NULL END AS _p28,
                      TRIM("资产管理制度评价") AS _i29,
                      CASE
                        WHEN "资产管理制度评价" IS NULL
                        THEN 'D002'
                        ELSE CASE WHEN NOT TRIM("资产管理制度评价") IN ('一般', '好', '较好', '较差') THEN 'D003' END
                      END AS _p29,
                      COALESCE(CAST("资产管理问题数" AS NUMBER(38)), 0) AS _i30,
                      CASE
                        WHEN "资产管理问题数" IS NULL
                        THEN NULL
                        ELSE CASE WHEN NOT (
                          CAST("资产管理问题数" AS NUMBER(38)) >= 0
                        ) THEN 'D004' END
                      END AS _p30,
                      CAST(CAST("固定资产总额" AS NUMBER(38, 6)) * 1000000 AS NUMBER(38)) AS _i31,
                      CASE
                        WHEN "固定资产总额" IS NULL
                        THEN 'D002'
                        ELSE CASE
                          WHEN NOT (
                            CAST(CAST("固定资产总额" AS NUMBER(38, 6)) * 1000000 AS NUMBER(38)) > 0
                          )
                          THEN 'D004'
                        END
                      END AS _p31,
                      CAST(CAST("在用固定资产总额" AS NUMBER(38, 6)) * 1000000 AS NUMBER(38)) AS _i32,
                      CASE
                        WHEN "在用固定资产总额" IS NULL
                        THEN 'D002'
                        ELSE CASE
                          WHEN NOT (
                            CAST(CAST("在用固定资产总额" AS NUMBER(38, 6)) * 1000000 AS NUMBER(38)) >= 0
                          )
                          THEN 'D004'
                        END
                      END AS _p32,
                      CAST(CAST("实际完成率" AS NUMBER(38, 8)) * 100000000 AS NUMBER(38)) AS _i33,
                      CASE
                        WHEN "实际完成率" IS NULL
                        THEN 'D002'
                        ELSE CASE
                          WHEN NOT (
                            CAST(CAST("实际完成率" AS NUMBER(38, 8)) * 100000000 AS NUMBER(38)) >= 0
                          )
                          THEN 'D004'
                        END
                      END AS _p33,
                      CAST(CAST("质量达标得分" AS NUMBER(38, 6)) * 1000000 AS NUMBER(38)) AS _i34,
                      CASE
                        WHEN "质量达标得分" IS NULL
                        THEN 'D002'
                        ELSE CASE
                          WHEN NOT (
                            CAST(CAST("质量达标得分" AS NUMBER(38, 6)) * 1000000 AS NUMBER(38)) >= 0
                          )
                          THEN 'D004'
                        END
                      END AS _p34,
                      TRIM("质量达标等次") AS _i35,
                      CASE
                        WHEN "质量达标等次" IS NULL
                        THEN 'D002'
                        ELSE CASE WHEN NOT TRIM("质量达标等次") IN ('未达成', '达成', '部分达成') THEN 'D003' END
                      END AS _p35,
                      TRIM("重点工作评价") AS _i36,
                      CASE
                        WHEN "重点工作评价" IS NULL
                        THEN 'D002'
                        ELSE CASE WHEN NOT TRIM("重点工作评价") IN ('一般', '好', '较好', '较差') THEN 'D003' END
                      END AS _p36,
                      TRIM("经济效益评价") AS _i37,
                      CASE
                        WHEN "经济效益评价" IS NULL
                        THEN 'D002'
                        ELSE CASE WHEN NOT TRIM("经济效益评价") IN ('一般', '好', '较好', '较差') THEN 'D003' END
                      END AS _p37,
                      TRIM("社会效益评价") AS _i38,
                      CASE
                        WHEN "社会效益评价" IS NULL
                        THEN 'D002'
                        ELSE CASE WHEN NOT TRIM("社会效益评价") IN ('一般', '好', '较好', '较差') THEN 'D003' END
                      END AS _p38,
                      TRIM("生态效益评价") AS _i39,
                      CASE
                        WHEN "生态效益评价" IS NULL
                        THEN 'D002'
                        ELSE CASE WHEN NOT TRIM("生态效益评价") IN ('一般', '好', '较好', '较差') THEN 'D003' END
                      END AS _p39,
                      CAST(CAST("满意度" AS NUMBER(38, 8)) * 100000000 AS NUMBER(38)) AS _i40,
                      CASE
                        WHEN "满意度" IS NULL
                        THEN 'D002'
                        ELSE CASE
                          WHEN NOT (
                            CAST(CAST("满意度" AS NUMBER(38, 8)) * 100000000 AS NUMBER(38)) >= 0
                            AND CAST(CAST("满意度" AS NUMBER(38, 8)) * 100000000 AS NUMBER(38)) <= 100000000
                          )
                          THEN 'D004'
                        END
                      END AS _p40,
                      COALESCE(CAST(CAST("上年结转金额" AS NUMBER(38, 6)) * 1000000 AS NUMBER(38)), 0) AS _i41,
                      CASE
                        WHEN "上年结转金额" IS NULL
                        THEN NULL
                        ELSE CASE
                          WHEN NOT (
                            CAST(CAST("上年结转金额" AS NUMBER(38, 6)) * 1000000 AS NUMBER(38)) >= 0
                          )
                          THEN 'D004'
                        END
                      END AS _p41,
                      COALESCE(CAST(CAST("其他调整资金" AS NUMBER(38, 6)) * 1000000 AS NUMBER(38)), 0) AS _i42,
                      CASE
                        WHEN "其他调整资金" IS NULL
                        THEN NULL
                        ELSE CASE
                          WHEN NOT (
                            CAST(CAST("其他调整资金" AS NUMBER(38, 6)) * 1000000 AS NUMBER(38)) >= 0
                          )
                          THEN 'D004'
                        END
                      END AS _p42
                    FROM units _t
                  ) _s1
                ) _s2
              ) _s3
            ) _s4
          ) _s5
        ) _s6
      ) _s7
    ) _s8
  ) _s9
) _units;
