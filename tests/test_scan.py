"""What `touchaudit scan` finds on a page, rule by rule: tables of markup -> finding, in the
languages of the domain texts, with the traps real pages set (share buttons, a modal's id,
commented-out widgets)."""

from __future__ import annotations

import html as html_lib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from touchaudit.library.criteria import builtin_library
from touchaudit.library.scanrules import builtin_scan_rules
from touchaudit.reading.loader import parse_audit
from touchaudit.reading.scan import SCANNED, PageScan, ScanError, scan_page
from touchaudit.reading.visible import first_unsafe
from touchaudit.render.scan.yaml import touchpoint_yaml


def scan(html: str) -> PageScan:
    return scan_page(html.encode("utf-8"), "page.html")


def value(html: str, criterion: str) -> bool | int | None:
    return scan(html).finding(criterion).value


def test_every_scanned_criterion_is_a_website_criterion_of_the_library() -> None:
    website = {c.id for c in builtin_library().for_channel("website")}
    assert set(SCANNED) <= website


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        ('<a href="tel:+1 555 0100">Call us</a>', True),
        ('<a href="TEL:+15550100">Call</a>', True),
        ('<a href="tel:">Call</a>', False),  # an empty number calls nobody
        ("<p>Call +1 555 0100</p>", False),  # a number as text is not clickable
        ('<!-- <a href="tel:+15550100">old</a> -->', False),
    ],
)
def test_clickable_phone_is_a_tel_link(html: str, expected: bool) -> None:
    assert value(html, "clickable_phone") is expected


def test_evidence_names_the_page_the_line_and_the_element() -> None:
    found = scan('<html>\n<body>\n<a class="x" href="tel:+15550100">Call</a>').finding(
        "clickable_phone"
    )
    assert found.evidence is not None
    assert found.evidence.text == 'page.html:3: <a href="tel:+15550100">'


CALLBACK_FORMS = {
    "en": "<form><h3>Request a call back</h3><input name=name><input type=tel name=phone>"
    "<button>Send</button></form>",
    "ru": "<form><p>Оставьте номер, мы перезвоним</p><input name=phone><button>Жду звонка</button>"
    "</form>",
    "es": "<h2>Te llamamos gratis</h2><form><input type=tel placeholder=Teléfono>"
    "<input type=submit value=Enviar></form>",
    "vi": "<form><label>Số điện thoại</label><input name=sdt placeholder='Số điện thoại'>"
    "<button>Yêu cầu gọi lại</button></form>",
    "phone only": "<form><input name=your_name><input type=tel><button>Send</button></form>",
}


@pytest.mark.parametrize("html", CALLBACK_FORMS.values(), ids=CALLBACK_FORMS.keys())
def test_a_form_asking_for_a_phone_to_call_back_is_a_callback_request(html: str) -> None:
    assert value(html, "callback_request") is True


CALLBACK_BUTTONS = {
    "en": '<a href="#modal">Call me back</a>',
    "ru": "<button>Заказать звонок</button>",
    "es": "<button>Solicitar llamada</button>",
    "vi": '<a href="#">Gọi lại cho tôi</a>',
}


@pytest.mark.parametrize("html", CALLBACK_BUTTONS.values(), ids=CALLBACK_BUTTONS.keys())
def test_a_call_back_button_is_a_callback_request(html: str) -> None:
    assert value(html, "callback_request") is True


@pytest.mark.parametrize(("vendor", "markers"), builtin_scan_rules().callback_vendors.items())
def test_each_call_back_widget_of_the_data_is_a_callback_request(
    vendor: str, markers: tuple[str, ...]
) -> None:
    found = scan(f'<script src="https://{markers[0]}/w.js"></script>').finding("callback_request")
    assert (found.value, found.detail) == (True, f"{vendor} widget")


NOT_CALLBACK = {
    # A question modal the developer named `callback`: its title is what the customer reads.
    "a modal's id": '<div id="callback"><h3>Возникли вопросы?</h3><form class="callback-form">'
    "<input type=email><input type=tel name=phone><textarea name=text></textarea></form></div>",
    "a contact form with a phone field": "<form><input name=name><input type=email>"
    "<input type=tel><textarea name=message></textarea></form>",
    "the word in a paragraph": "<p>We call back within a day.</p>",
    "a tel: link named so": '<a href="tel:+77774900091"><b>Заказать звонок</b></a>',
    "a lone phone field outside a form": "<input type=tel placeholder=Phone>",
}


@pytest.mark.parametrize("html", NOT_CALLBACK.values(), ids=NOT_CALLBACK.keys())
def test_what_is_not_a_callback_request(html: str) -> None:
    assert value(html, "callback_request") is False


@pytest.mark.parametrize(
    ("html", "detail"),
    [
        ('<a href="https://calendly.com/dr-smith/visit">Book</a>', "Calendly"),
        ('<iframe src="https://www.fresha.com/book-now/salon"></iframe>', "Fresha"),
        (
            '<script src="https://www.schedulicity.com/api/public/widget/X/embed"></script>',
            "Schedulicity",
        ),
        ("<script>Cal('init', {origin: 'https://app.cal.com'})</script>", "Cal.com"),
        ('<a href="https://www.opentable.com/r/trattoria">Reserve</a>', "OpenTable"),
        ('<form action="https://n123.yclients.com/company/1"><input></form>', "YCLIENTS"),
        ('<a href="//www.zocdoc.com/practice/x">Book</a>', "Zocdoc"),
    ],
)
def test_a_booking_service_link_or_embed_is_online_booking(html: str, detail: str) -> None:
    found = scan(html).finding("online_booking")
    assert (found.value, found.detail) == (True, detail)


OWN_BOOKING = {
    "en": "<form id=f><select><option>2 people</option></select><input name=name>"
    "<input type=submit value='Book A Table'></form>",
    "ru": "<h2>Онлайн-запись</h2><form><input name=name><input type=tel></form>",
    "es": "<form><h3>Reserva tu mesa</h3><input name=nombre><input type=date></form>",
    "vi": "<form><input name=ten placeholder='Họ tên'><button>Đặt lịch hẹn</button></form>",
    "a date and a phone": "<form><input type=date><input type=tel></form>",
    "a builder's widget without <form>": "<div class='booking-form'><input id=date>"
    "<input id=mobile></div>",
    "fields without <form> asking dates and a phone": "<div class=card><div><label>Имя</label>"
    "<input type=text></div><div><input type=tel></div><div class=grid><div>"
    "<input type=date></div></div></div><footer><input type=email></footer>",
}


@pytest.mark.parametrize("html", OWN_BOOKING.values(), ids=OWN_BOOKING.keys())
def test_an_own_booking_form_is_online_booking(html: str) -> None:
    found = scan(html).finding("online_booking")
    assert found.value is True
    assert found.detail.startswith("own form")


NOT_BOOKING = {
    "a button leading elsewhere": '<a class="button" href="ecosystem.html">Записаться на прием</a>',
    "a look-alike host": '<a href="https://notcalendly.com/x">Book</a>',
    "a booking service in a comment": '<!-- <script src="https://embed.calendly.com"></script> -->',
    "the word in Facebook": "<form><input name=q placeholder='Find us on Facebook'></form>",
}


@pytest.mark.parametrize("html", NOT_BOOKING.values(), ids=NOT_BOOKING.keys())
def test_what_is_not_online_booking(html: str) -> None:
    assert value(html, "online_booking") is False


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        ("<form><input name=name><textarea name=message></textarea></form>", True),
        ("<textarea placeholder='Your enquiry'></textarea>", True),  # no <form> tag
        ("<form><input placeholder='Search the site'><button>Search</button></form>", False),
        ('<textarea name="g-recaptcha-response"></textarea>', False),  # a captcha's answer
        ("<input placeholder='Type your message...'>", False),  # a chatbot's input line
    ],
)
def test_question_form_is_a_form_with_a_message_field(html: str, expected: bool) -> None:
    assert value(html, "question_form") is expected


def _vendor_snippets() -> list[tuple[str, str]]:
    vendors = builtin_scan_rules().chat_vendors
    return [(vendor, markers[0]) for vendor, markers in vendors.items()]


@pytest.mark.parametrize(("vendor", "marker"), _vendor_snippets())
def test_each_chat_vendor_of_the_data_is_found_by_its_embed(vendor: str, marker: str) -> None:
    inline = f"<script>var s=document.createElement('script');s.src='https://{marker}';</script>"
    found = scan(inline).finding("chat_widget")
    assert (found.value, found.detail) == (True, vendor)


@pytest.mark.parametrize(
    "html",
    [
        '<!-- <script src="https://embed.tawk.to/1/default"></script> -->',
        '<a href="https://wa.me/15550100">Chat with us</a>',  # a messenger link, not a widget
        '<script src="https://connect.facebook.net/en_GB/sdk.js"></script>',  # the Page plugin
    ],
)
def test_what_is_not_a_chat_widget(html: str) -> None:
    assert value(html, "chat_widget") is False


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        ('<meta name="viewport" content="width=device-width, initial-scale=1">', True),
        ('<meta content="initial-scale=1" name="Viewport"/>', True),
        ('<meta name="viewport" content="width=1024">', False),  # a fixed desktop width
        ("<meta charset=utf-8>", False),
    ],
)
def test_mobile_version_is_a_viewport_meta_for_the_device(html: str, expected: bool) -> None:
    assert value(html, "mobile_version") is expected


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        (
            "<form><input type=hidden name=t><input name=name><input type=email>"
            "<input type=checkbox name=agree><input type=submit><button>Go</button></form>",
            3,
        ),
        # A booking form comes before a question form, whichever is first on the page.
        (
            "<form><input name=name><textarea name=message></textarea></form>"
            "<form><input type=date><input type=tel><input name=name><select></select>"
            "<button>Book now</button></form>",
            4,
        ),
        ("<form><input placeholder=Search></form>", None),  # no lead form: not measured
    ],
)
def test_lead_form_fields_counts_the_main_lead_forms_visible_fields(
    html: str, expected: int | None
) -> None:
    assert value(html, "lead_form_fields") == expected


@pytest.mark.parametrize(
    ("href", "expected"),
    [
        ("https://wa.me/15550100", ("messenger", "WhatsApp")),
        ("https://api.whatsapp.com/send?phone=15550100&text=Hi", ("messenger", "WhatsApp")),
        ("https://wa.me/?text=https://example.com", None),  # a share button
        ("https://t.me/acme_clinic", ("messenger", "Telegram")),
        ("viber://chat?number=%2B15550100", ("messenger", "Viber")),
        ("https://m.me/acmeclinic", ("messenger", "Messenger")),
        ("https://zalo.me/0901234567", ("messenger", "Zalo")),
        ("https://www.instagram.com/acme/", ("social", "Instagram")),
        ("https://www.tiktok.com/@acme", ("social", "TikTok")),
        ("https://vk.com/acme", ("social", "VK")),
        ("https://www.facebook.com/sharer/sharer.php?u=x", None),
        ("https://twitter.com/intent/tweet?text=x", None),
        ("https://www.linkedin.com/cws/share?url=x", None),
        ("https://www.youtube.com/embed/abc", None),  # a video shown, not a channel
        ("mailto:hello@acme.example", ("email", "Email")),
        ("mailto:", None),
        ("https://facebook.com.evil.example/acme", None),
        ("#", None),
    ],
)
def test_links_to_other_channels(href: str, expected: tuple[str, str] | None) -> None:
    found = [(c.channel, c.service) for c in scan(f'<a href="{href}">x</a>').channels]
    assert found == ([expected] if expected else [])


def test_the_facebook_page_plugin_shows_its_profile() -> None:
    html = (
        '<div class="fb-page" href="https://www.facebook.com/acme"></div>'
        '<iframe src="https://www.facebook.com/v2.7/plugins/page.php?href='
        'https%3A%2F%2Fwww.facebook.com%2Facme&amp;width=350"></iframe>'
    )
    assert scan(html).channel_links == {"social": ["https://www.facebook.com/acme"]}


def test_forms_are_read_as_browsers_read_them() -> None:
    # `<form/>` opens a form; a form inside a form is ignored, its fields join the outer one.
    page = scan(
        "<form/><input name=a><form><input name=b></form><input name=c><form><input name=d></form>"
    )
    assert [f.fields for f in page.forms if not f.loose] == [2, 1]
    assert [f.fields for f in page.forms if f.loose] == []


def test_script_text_and_attribute_values_are_not_what_a_customer_reads() -> None:
    html = (
        "<form><script>var label = 'Request a call back';</script>"
        "<input type=tel data-x='call me back'></form>"
    )
    assert value(html, "callback_request") is True  # a phone-only form, not the script's words
    assert scan(html).finding("callback_request").detail == "a call-back form"


def test_a_page_over_the_size_limit_is_refused_with_its_size() -> None:
    with pytest.raises(ScanError, match=r"page\.html: the page is 2,001 bytes, over the limit"):
        scan_page(b"x" * 2001, "page.html", max_bytes=2000)


def test_a_page_too_slow_to_read_is_given_up() -> None:
    with pytest.raises(ScanError, match=r"took over 0 s; gave up"):
        scan_page(b"<a>" * 200_000, "page.html", seconds=0)


@pytest.mark.parametrize(
    ("raw", "title"),
    [
        ("<title>Клиника</title>".encode("cp1251"), "\ufffd" * 7),  # no charset: UTF-8
        ('<meta charset="windows-1251"><title>Клиника</title>'.encode("cp1251"), "Клиника"),
        (b"\xef\xbb\xbf<title>Caf\xc3\xa9</title>", "Café"),
        ("<title>Trà &amp; Cà phê</title>".encode(), "Trà & Cà phê"),
    ],
)
def test_the_page_is_decoded_by_its_bom_or_meta_charset(raw: bytes, title: str) -> None:
    assert scan_page(raw, "p").title == title


@settings(max_examples=150, deadline=None)
@given(title=st.text(max_size=300), href=st.text(max_size=80), raw=st.binary(max_size=400))
def test_any_page_gives_a_touchpoint_that_validates_and_carries_no_hidden_text(
    title: str, href: str, raw: bytes
) -> None:
    page = html_lib.escape(title)
    link = html_lib.escape(href, quote=True)
    source = f'<title>{page}</title><a href="tel:{link}">x</a><a href="{link}">y</a>'.encode()
    found = scan_page(source + raw, "page.html")
    text = touchpoint_yaml(found)
    loaded, problems = parse_audit(
        ("touchaudit: 1\ncompany: Acme\ntouchpoints:\n" + text).encode(), "pasted.yaml"
    )
    assert loaded is not None, problems
    assert first_unsafe(text, one_line=False) is None
