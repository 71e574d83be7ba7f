"""The command's manual pages (``ocop help TOPIC``) and shell completion (``ocop completion``)."""

from __future__ import annotations

import argparse
import shlex

from ocop.errors import Lang

__all__ = ["TOPICS", "completion", "topic"]

TOPICS: dict[str, tuple[str, str]] = {
    "exit-codes": ("mã thoát của lệnh ocop", "what ocop's exit status means"),
    "files": ("các dạng tệp: JSON, mảng, JSON Lines", "file formats: JSON, arrays, JSON Lines"),
    "dates": ("cách viết ngày", "how to write a day"),
    "season": ("chấm điểm cả mùa: ocop score, ocop validate", "scoring a season: score, validate"),
}

_PAGES: dict[str, tuple[str, str]] = {
    "exit-codes": (
        """MÃ THOÁT
  0    xong
  1    dữ liệu có vấn đề (mỗi vấn đề có tệp:dòng, sản phẩm, đường dẫn JSON và mã),
       hoặc có sản phẩm bị từ chối khi chấm điểm
  2    dòng lệnh sai
  3    không đọc được tệp
  4    quy định không cho phép một bước (thẩm quyền, thời hạn, xung đột lợi ích, …)
  70   lỗi nội bộ của ocop (lỗi chương trình, không phải của dữ liệu); xin báo lỗi
  130  bị ngắt (Ctrl-C)
  141  đầu ra đã bị đóng sớm (ví dụ ocop … | head); không in gì thêm
""",
        """EXIT CODES
  0    done
  1    the input has problems (each with its file:line, product, JSON path and code),
       or a product of a season was refused
  2    the command line is wrong
  3    a file cannot be read
  4    the rules refuse a step (authority, deadline, conflict of interest, …)
  70   an internal error of ocop (a bug, not a problem of the input); please report it
  130  interrupted (Ctrl-C)
  141  standard output was closed early (e.g. ocop … | head); nothing more is written
""",
    ),
    "files": (
        """TỆP
  Một tệp .json chứa một tài liệu hoặc một mảng tài liệu; tệp .jsonl (hoặc .ndjson)
  chứa mỗi dòng một tài liệu; "-" là đầu vào chuẩn, đọc như JSON Lines.
  Loại của mỗi tài liệu (score_card, product, subject, …) được nhận ra từ các trường
  của nó; --kind buộc một loại. ocop schema LOẠI in lược đồ JSON của loại đó.
  Một lựa chọn trên phiếu chấm là số điểm in cạnh ô được đánh dấu, {"index": i} cho
  phương án thứ i (từ 0), hoặc "n/a" / null khi tiêu chí không áp dụng.
""",
        """FILES
  A .json file holds one document or an array of them; a .jsonl (or .ndjson) file holds
  one document a line; "-" is standard input, read as JSON Lines.
  Each document's kind (score_card, product, subject, …) is told by its fields; --kind
  forces one. ocop schema KIND prints the kind's JSON Schema.
  A choice on a score card is the points printed next to the ticked box, {"index": i}
  for the option's position (from 0), or "n/a" / null when the criterion does not apply.
""",
    ),
    "dates": (
        """NGÀY
  --as-of nhận ngày dạng NNNN-TT-NN (2026-08-01) hoặc NN/TT/NNNN (01/08/2026);
  bỏ trống là hôm nay, theo giờ Việt Nam. Trong tài liệu JSON, ngày luôn ở dạng ISO
  NNNN-TT-NN.
""",
        """DATES
  --as-of takes a day as YYYY-MM-DD (2026-08-01) or DD/MM/YYYY (01/08/2026), the way
  Vietnamese offices write it; left out, it is today in Vietnam. Inside JSON documents
  days are always ISO, YYYY-MM-DD.
""",
    ),
    "season": (
        """MÙA ĐÁNH GIÁ
  ocop score season.jsonl xếp hạng từng sản phẩm: sao và lý do, hoặc vì sao không có
  sao (bị loại, phiếu bị từ chối, chưa có phiếu đánh giá, không có phiếu chấm), rồi
  một dòng tổng kết. Các phiếu chấm của một sản phẩm là một hội đồng. Tệp có thể chứa
  cả tài liệu sản phẩm (product) để có tên và bộ sản phẩm. Một sản phẩm có vấn đề
  không làm mất các sản phẩm khác; mã thoát là 1 khi có sản phẩm bị từ chối.
  Tệp được đọc theo dòng: một lượt xem trước tìm dòng cuối của mỗi sản phẩm, để
  sản phẩm được xếp hạng ngay khi đọc xong. Với đầu vào chuẩn, --council-size N
  xếp hạng sản phẩm khi có đủ N phiếu.
  ocop validate chạy đúng những kiểm tra của ocop score và cho biết dòng nào là
  loại tài liệu nào.
""",
        """SEASONS
  ocop score season.jsonl ranks every product: its star and why, or why it has none
  (eliminated, refused cards, no score sheet, no cards), then a summary line. The cards
  of one product are a council. The file may hold product documents too, for names and
  product sets. A product with problems never costs the others their stars; the exit
  status is 1 when any product was refused.
  Files are read line by line: a first pass finds each product's last line, so that a
  product is ranked as soon as it is read. On standard input, --council-size N ranks a
  product once it has N cards.
  ocop validate runs exactly the checks of ocop score and says which line is which
  kind of document.
""",
    ),
}


def topic(name: str, lang: Lang = "vi") -> str | None:
    """The page of a topic in ``lang``, or ``None`` when there is no such topic.

    >>> print(topic("dates", "en").splitlines()[0])
    DATES
    """
    page = _PAGES.get(name)
    if page is None:
        return None
    return page[1] if lang == "en" else page[0]


def _tree(
    parser: argparse.ArgumentParser,
) -> dict[str, tuple[list[str], list[str], dict[str, list[str]], bool]]:
    """Per command path (``""``, ``"rubric"``, ``"rubric show"``): its subcommands, its
    options, the choices of options that have them, and whether it takes file names."""
    from ocop import json as ocop_json

    tree: dict[str, tuple[list[str], list[str], dict[str, list[str]], bool]] = {}

    def walk(current: argparse.ArgumentParser, path: str) -> None:
        children: list[str] = []
        options: list[str] = []
        choices: dict[str, list[str]] = {}
        files = False
        for action in current._actions:
            if isinstance(action, argparse._SubParsersAction):
                for name, child in action.choices.items():
                    children.append(name)
                    walk(child, f"{path} {name}".strip())
            elif action.option_strings:
                options.extend(action.option_strings)
                if action.choices is not None:
                    for option in action.option_strings:
                        choices[option] = [str(choice) for choice in action.choices]
                if "--kind" in action.option_strings:
                    choices["--kind"] = list(ocop_json.kinds())
            elif action.dest in ("file", "files", "plan", "records"):
                files = True
            elif action.choices is not None:
                children.extend(str(choice) for choice in action.choices)
        if path == "schema":
            children.extend(ocop_json.kinds())
        if path == "help":
            children.extend(["exit-codes", "files", "dates", "season"])
        tree[path] = (children, options, choices, files)

    walk(parser, "")
    return tree


def completion(parser: argparse.ArgumentParser, shell: str) -> str:
    """A completion script for ``shell`` (``bash`` or ``zsh``), written from the parser.

    Load it with ``eval "$(ocop completion bash)"`` (or ``zsh``), or save it where the shell
    looks for completions.
    """
    tree = _tree(parser)
    steps = []
    commands = []
    options_of = []
    for path, (children, options, choices, files) in tree.items():
        for child in children:
            if f"{path} {child}".strip() in tree:
                key = shlex.quote(f"{path}|{child}")
                steps.append(f"            {key}) path={shlex.quote(f'{path} {child}'.strip())} ;;")
        words = " ".join(children + options)
        label = shlex.quote(path) if path else '""'
        commands.append(
            f"        {label}) words={shlex.quote(words)}; files={1 if files else 0} ;;"
        )
        for option, values in choices.items():
            options_of.append((path, option, " ".join(values)))
    option_cases = "\n".join(
        f"        {shlex.quote(f'{path}|{option}')}) "
        f'COMPREPLY=($(compgen -W {shlex.quote(values)} -- "$cur")); return ;;'
        for path, option, values in options_of
    )
    script = f"""# {shell} completion for ocop: eval "$(ocop completion {shell})"
_ocop() {{
    local cur="${{COMP_WORDS[COMP_CWORD]}}" prev="${{COMP_WORDS[COMP_CWORD-1]}}"
    local path="" word words="" files=0 i
    for ((i = 1; i < COMP_CWORD; i++)); do
        word="${{COMP_WORDS[i]}}"
        case "$path|$word" in
{chr(10).join(steps)}
        esac
    done
    case "$path|$prev" in
{option_cases}
    esac
    case "$path" in
{chr(10).join(commands)}
    esac
    COMPREPLY=($(compgen -W "$words" -- "$cur"))
    if [[ $files == 1 && $cur != -* ]]; then
        COMPREPLY+=($(compgen -f -- "$cur"))
    fi
}}
"""
    if shell == "zsh":
        return (
            "#compdef ocop\nautoload -U +X bashcompinit && bashcompinit\n"
            + script
            + "complete -o default -F _ocop ocop\n"
        )
    return script + "complete -o default -F _ocop ocop\n"
