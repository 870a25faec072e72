"""The words of the pages, in Chinese and English: one table, one row per text.

Rubric texts (names, labels, the 计算分析情况 sentences) are the rubric's own; these are only
the page's own words. A page takes `TEXTS[lang]`; `{n}`-style fields are filled in the template.
"""

from __future__ import annotations

LANGS = ("zh", "en")
DEFAULT_LANG = "zh"  # the language of the form; messages too, unless the user switches

TEXTS: dict[str, dict[str, str]] = {
    "zh": {
        "html_lang": "zh-CN",
        "other_lang": "en", "other_lang_name": "English",
        "nav_home": "评价体系", "nav_check": "检查评价体系",
        # Home
        "home_title": "评价体系", "home_folder": "文件夹：{folder}",
        "home_empty": "此文件夹中没有 .rubric 文件。用 perfdsl serve --rubrics 文件夹 指定评价体系所在的文件夹。",
        "home_missing": "找不到文件夹 {folder}。用 perfdsl serve --rubrics 文件夹 指定评价体系所在的文件夹。",
        "col_file": "文件", "col_title": "名称", "col_year": "年度", "col_total": "总分",
        "col_status": "状态",
        "status_ok": "可用", "status_errors": "{n} 个错误", "status_warnings": "{n} 个警告",
        "action_fill": "填报评分", "action_check": "检查", "check_pasted": "检查粘贴的评价体系文本",
        # Fill
        "fill_title": "填报评分", "meta": "基本信息",
        "shared": "共用数据", "shared_note": "以下数据用于多个一级指标。",
        "unread": "其他数据", "unread_note": "以下数据没有指标使用。",
        "weight": "分值", "reference": "参考分值", "score": "得分", "total": "合计",
        "grade": "等级", "out_of": "满分 {total}",
        "missing": "未填 {n} 项", "wrong": "数据问题 {n} 处", "unscored": "无法计分的指标 {n} 个",
        "all_good": "数据完整，无问题",
        "range": "范围", "default": "默认", "used_by": "用于", "unit": "单位",
        "choose": "— 请选择 —", "choose_default": "— 默认：{default} —",
        "explanation": "计算分析情况",
        "score_button": "计算得分", "downloads": "下载",
        "download_xlsx": "Excel 自评表", "download_html": "HTML 自评表",
        "download_json": "JSON 结果", "download_yaml": "数据文件 YAML",
        "upload_title": "用数据文件填入", "upload_note": "上传 {kinds} 数据文件，表单按文件填入。",
        "upload_button": "上传并填入", "upload_none": "请选择一个数据文件。",
        "upload_kind": "只能上传 {kinds} 数据文件，而此文件是 {name}。",
        "upload_too_big": "数据文件不能超过 {size}。",
        "upload_done": "已按 {name} 填入。", "upload_notices": "文件中的问题",
        "others": "其他问题", "line": "第 {line} 行",
        "fill_broken": "评价体系 {name} 有 {n} 个错误，修正后才能评分。", "see_errors": "查看错误",
        "no_excel": "下载 Excel 需要 openpyxl：pip install 'perfdsl[excel]'",
        "placeholder_money": "如 40.11 或 40.11{unit}", "placeholder_percent": "如 95%",
        "placeholder_ratio": "如 0.95 或 95%", "placeholder_count": "如 8",
        "placeholder_number": "如 8", "placeholder_text": "",
        # Check
        "check_title": "检查评价体系", "check_text": "评价体系文本", "check_lang": "消息语言",
        "check_button": "检查", "check_from": "来自文件 {name}",
        "check_clean": "没有错误，也没有警告。", "check_ok_warnings": "没有错误，有 {w} 个警告。",
        "check_errors": "{e} 个错误，{w} 个警告。", "check_notes": "提示 {n} 条",
        "position": "第 {line} 行，第 {column} 列", "hint": "建议",
        "severity_error": "错误", "severity_warning": "警告", "severity_note": "提示",
        "outline": "结构", "outline_none": "文本无法解析到能列出结构的程度。",
        "kind_group": "分组", "kind_indicator": "指标", "at_line": "第 {line} 行",
        "check_too_long": "文本太长：最多 {n} 个字符。",
        # Errors
        "error_title": "出错了", "error_404": "找不到这个页面。",
        "error_no_rubric": "文件夹中没有名为 {name} 的评价体系。",
        "error_405": "此地址不接受这种请求。", "error_413": "请求太大：最多 {size}。",
        "error_400": "请求无法读取。", "error_host": "此服务只接受来自本机地址的请求。",
        "error_500": "内部错误：这是 perfdsl 的缺陷，不是评价体系或数据的问题。详情已记录在服务器日志中，请连同所用文件一起报告。",
        "back_home": "返回评价体系列表",
    },
    "en": {
        "html_lang": "en",
        "other_lang": "zh", "other_lang_name": "中文",
        "nav_home": "Rubrics", "nav_check": "Check a rubric",
        "home_title": "Rubrics", "home_folder": "Folder: {folder}",
        "home_empty": "This folder has no .rubric files. Name the folder of your rubrics with perfdsl serve --rubrics FOLDER.",
        "home_missing": "There is no folder {folder}. Name the folder of your rubrics with perfdsl serve --rubrics FOLDER.",
        "col_file": "File", "col_title": "Title", "col_year": "Year", "col_total": "Total",
        "col_status": "Status",
        "status_ok": "ready", "status_errors": "{n} error(s)", "status_warnings": "{n} warning(s)",
        "action_fill": "Fill in and score", "action_check": "Check",
        "check_pasted": "Check pasted rubric text",
        "fill_title": "Fill in and score", "meta": "About the unit",
        "shared": "Shared figures", "shared_note": "These figures are used by more than one top-level group.",
        "unread": "Other figures", "unread_note": "No indicator uses these figures.",
        "weight": "Weight", "reference": "Reference", "score": "Score", "total": "Total",
        "grade": "Grade", "out_of": "out of {total}",
        "missing": "{n} to fill", "wrong": "{n} data problem(s)",
        "unscored": "{n} indicator(s) not scored", "all_good": "Complete, no problems",
        "range": "Range", "default": "Default", "used_by": "Used by", "unit": "Unit",
        "choose": "— choose —", "choose_default": "— default: {default} —",
        "explanation": "Calculation and analysis",
        "score_button": "Score", "downloads": "Download",
        "download_xlsx": "Excel form", "download_html": "HTML form",
        "download_json": "JSON result", "download_yaml": "YAML data file",
        "upload_title": "Fill from a data file",
        "upload_note": "Upload a {kinds} data file to fill in the form.",
        "upload_button": "Upload and fill in", "upload_none": "Choose a data file.",
        "upload_kind": "Only {kinds} data files can be uploaded; this one is {name}.",
        "upload_too_big": "A data file may be at most {size}.",
        "upload_done": "Filled in from {name}.", "upload_notices": "Problems in the file",
        "others": "Other problems", "line": "line {line}",
        "fill_broken": "The rubric {name} has {n} error(s); fix them to score with it.",
        "see_errors": "See the errors",
        "no_excel": "Excel download needs openpyxl: pip install 'perfdsl[excel]'",
        "placeholder_money": "e.g. 40.11 or 40.11{unit}", "placeholder_percent": "e.g. 95%",
        "placeholder_ratio": "e.g. 0.95 or 95%", "placeholder_count": "e.g. 8",
        "placeholder_number": "e.g. 8", "placeholder_text": "",
        "check_title": "Check a rubric", "check_text": "Rubric text", "check_lang": "Messages in",
        "check_button": "Check", "check_from": "From the file {name}",
        "check_clean": "No errors and no warnings.", "check_ok_warnings": "No errors; {w} warning(s).",
        "check_errors": "{e} error(s), {w} warning(s).", "check_notes": "{n} note(s)",
        "position": "line {line}, column {column}", "hint": "hint",
        "severity_error": "error", "severity_warning": "warning", "severity_note": "note",
        "outline": "Outline", "outline_none": "The text does not parse far enough for an outline.",
        "kind_group": "group", "kind_indicator": "indicator", "at_line": "line {line}",
        "check_too_long": "The text is too long: at most {n} characters.",
        "error_title": "Something went wrong", "error_404": "There is no such page.",
        "error_no_rubric": "The folder has no rubric called {name}.",
        "error_405": "This address does not take this kind of request.",
        "error_413": "The request is too large: at most {size}.",
        "error_400": "The request cannot be read.",
        "error_host": "This server answers only requests addressed to this machine.",
        "error_500": "Internal error: this is a bug in perfdsl, not in your rubric or data. The details are in the server's log; please report it with the files you used.",
        "back_home": "Back to the rubrics",
    },
}


def words(lang: str | None) -> dict[str, str]:
    return TEXTS[lang if lang in TEXTS else DEFAULT_LANG]


def pick(lang: str | None, fallback: str = DEFAULT_LANG) -> str:
    """`lang` if the pages speak it, else `fallback`."""
    return lang if lang in TEXTS else fallback
