/* The filter of the answered messages (留言答复): searches every published
   message, from messages.json, not only the page's, and lists the matches in
   place of the page's list.  The form is shown only when this script runs;
   without it the paginated list is the way to every message.  The filter lives
   in the page's URL (?q=…&topic=…), so it can be bookmarked and shared.  The
   number found goes to a status region, which screen readers announce; focus
   stays where the reader left it. */
(function () {
  "use strict";

  const form = document.getElementById("message-filter");
  if (!form || !("content" in document.createElement("template"))) {
    return;
  }
  const query = document.getElementById("message-query");
  const topic = document.getElementById("message-topic");
  const status = document.getElementById("message-filter-status");
  const results = document.getElementById("message-results");
  const resultList = document.getElementById("message-result-list");
  const pageList = document.getElementById("message-pages");
  const template = document.getElementById("message-template");
  const SEARCHED = ["subject", "topic", "id", "question", "answer", "answered_by"];
  let messages = null;

  // Shown now, so its status region is there before the first filter is announced in it.
  form.hidden = false;

  function load() {
    if (!messages) {
      messages = fetch(form.dataset.source).then((response) => {
        if (!response.ok) {
          throw new Error(`HTTP ${response.status}`);
        }
        return response.json();
      }).then((data) => data.messages);
    }
    return messages;
  }

  function normalized(text) {
    return text.normalize("NFKC").toLowerCase();
  }

  function matches(message, words, chosenTopic) {
    if (chosenTopic && message.topic !== chosenTopic) {
      return false;
    }
    const text = normalized(SEARCHED.map((key) => message[key]).join("\n"));
    return words.every((word) => text.includes(word));
  }

  /* The message's place in the list, under this build's SITEURL (the data give public URLs). */
  function sitePath(url) {
    return url.startsWith(form.dataset.portal) ? form.dataset.site + url.slice(form.dataset.portal.length) : url;
  }

  function paragraphsInto(container, text) {
    text.split("\n\n").forEach((paragraph) => {
      const element = document.createElement("p");
      element.textContent = paragraph;
      container.append(element);
    });
  }

  function render(message) {
    const item = template.content.firstElementChild.cloneNode(true);
    item.querySelectorAll("[data-field]").forEach((element) => {
      const field = element.dataset.field;
      if (field === "url") {
        element.href = sitePath(message.url);
        element.textContent = message.subject;
      } else if (field === "question" || field === "answer") {
        paragraphsInto(element, message[field]);
      } else if (field === "received" || field === "answered") {
        const time = document.createElement("time");
        time.dateTime = message[field];
        time.textContent = message[field];
        element.append(time);
      } else {
        element.textContent = String(message[field]);
      }
    });
    return item;
  }

  function describe(words, chosenTopic) {
    const parts = [];
    if (words.length) {
      parts.push(`含“${query.value.trim()}”`);
    }
    if (chosenTopic) {
      parts.push(`类别为“${chosenTopic}”`);
    }
    return parts.join("、");
  }

  function showPageList(announcement) {
    results.hidden = true;
    resultList.replaceChildren();
    pageList.hidden = false;
    status.textContent = announcement;
  }

  async function apply() {
    const words = normalized(query.value).split(/\s+/).filter(Boolean);
    const chosenTopic = topic.value;
    if (!words.length && !chosenTopic) {
      showPageList("");
      return;
    }
    status.textContent = "正在查找……";
    let all;
    try {
      all = await load();
    } catch (error) {
      messages = null;
      showPageList("留言数据暂时无法读取，请使用下方的留言列表逐页浏览。");
      return;
    }
    const found = all.filter((message) => matches(message, words, chosenTopic));
    resultList.replaceChildren(...found.map(render));
    results.hidden = false;
    pageList.hidden = true;
    const what = describe(words, chosenTopic);
    status.textContent = found.length
      ? `找到 ${found.length} 条${what}的留言。`
      : `没有找到${what}的留言。可以换一个词，或者点“显示全部留言”。`;
  }

  function remember() {
    const url = new URL(window.location.href);
    url.search = "";
    if (query.value.trim()) {
      url.searchParams.set("q", query.value.trim());
    }
    if (topic.value) {
      url.searchParams.set("topic", topic.value);
    }
    window.history.replaceState(null, "", url);
  }

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    remember();
    apply();
  });

  document.getElementById("message-filter-clear").addEventListener("click", () => {
    const filtered = !results.hidden;
    query.value = "";
    topic.value = "";
    remember();
    showPageList(filtered ? "已显示本页的全部留言。" : "");
  });

  const params = new URLSearchParams(window.location.search);
  query.value = params.get("q") || "";
  if ([...topic.options].some((option) => option.value === params.get("topic"))) {
    topic.value = params.get("topic");
  }
  if (query.value || topic.value) {
    apply();
  }
}());
