/*
 * Upload page (internal instances): send the chosen or dropped file to /upload/file as the raw request body, so
 * the server can write it to disk as it arrives, and hand the answer to the page (upload-received-store). The
 * answer is a token to check the file by, or the reason it was not taken; a file over the limit or not a CSV is
 * refused here before anything is sent, and a failed send says so, so a refused upload always says why. The
 * page's CSRF token (the zone's data-csrf) goes with it as X-CSRFToken, as Flask-WTF expects.
 */
(function () {
  var ZONE = "upload-file";
  var RECEIVED = "upload-received-store";
  var PREVIEW = "upload-preview";

  function hand(answer) {
    answer.at = Date.now();  // a repeated answer is still a change, so the page checks it again
    window.dash_clientside.set_props(RECEIVED, {data: answer});
  }

  function megabytes(bytes) {
    return (bytes / (1024 * 1024)).toFixed(1) + " MB";
  }

  function send(file, zone) {
    var limit = Number(zone.getAttribute("data-limit"));
    if (!/\.(csv|txt)$/i.test(file.name)) {
      return hand({error: "“" + file.name + "” is not a CSV file: choose a .csv file (a Fingertips download or the long layout)."});
    }
    if (limit && file.size > limit) {
      return hand({error: "The file is too large (" + megabytes(file.size) + "): files up to " +
        Math.floor(limit / (1024 * 1024)) + " MB can be uploaded."});
    }
    if (file.size === 0) {
      return hand({error: "The file is empty."});
    }
    window.dash_clientside.set_props(PREVIEW, {children: "Sending " + file.name + " (" + megabytes(file.size) + ")…"});
    fetch(zone.getAttribute("data-action"), {
      method: "POST", body: file, credentials: "same-origin",
      headers: {"Content-Type": "text/csv", "Accept": "application/json", "X-File-Name": encodeURIComponent(file.name),
                "X-CSRFToken": zone.getAttribute("data-csrf") || ""}
    }).then(function (response) {
      return response.json().catch(function () {
        return {error: "The server did not take the file (" + response.status + " " + response.statusText + ")."};
      });
    }).then(hand, function () {
      hand({error: "The file could not be sent: the connection failed or the server refused it. Files up to " +
        Math.floor(limit / (1024 * 1024)) + " MB can be uploaded; please try again."});
    });
  }

  document.addEventListener("change", function (event) {
    var input = event.target;
    var zone = input && input.closest ? input.closest("#" + ZONE) : null;
    if (!zone || input.type !== "file" || !input.files || !input.files.length) {
      return;
    }
    send(input.files[0], zone);
    input.value = "";  // choosing the same file again sends it again
  });
  document.addEventListener("dragover", function (event) {
    if (event.target.closest && event.target.closest("#" + ZONE)) {
      event.preventDefault();
    }
  });
  document.addEventListener("drop", function (event) {
    var zone = event.target.closest ? event.target.closest("#" + ZONE) : null;
    if (zone && event.dataTransfer && event.dataTransfer.files.length) {
      event.preventDefault();
      send(event.dataTransfer.files[0], zone);
    }
  });
})();
