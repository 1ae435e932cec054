//! hello-api: a dependency-free HTTP/1.1 service with `/health` and `/`, small enough to read in one
//! sitting. It exists to show the image build (static musl binary on scratch, amd64 + arm64), not
//! an HTTP stack; a real service would use axum or actix-web.

use std::env;
use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::thread;

fn main() {
    let port = env::var("PORT").unwrap_or_else(|_| "8080".to_string());
    let listener = TcpListener::bind(format!("0.0.0.0:{port}")).unwrap_or_else(|e| {
        eprintln!("hello-api: cannot listen on port {port}: {e}");
        std::process::exit(1);
    });
    eprintln!("hello-api: listening on port {port} ({})", env::consts::ARCH);

    for stream in listener.incoming() {
        match stream {
            Ok(stream) => {
                thread::spawn(move || {
                    if let Err(e) = handle(stream) {
                        eprintln!("hello-api: connection error: {e}");
                    }
                });
            }
            Err(e) => eprintln!("hello-api: accept failed: {e}"),
        }
    }
}

fn handle(mut stream: TcpStream) -> std::io::Result<()> {
    let mut request_line = String::new();
    BufReader::new(&stream).read_line(&mut request_line)?;
    let path = request_line.split_whitespace().nth(1).unwrap_or("/");

    let (status, body) = route(path);
    write!(
        stream,
        "HTTP/1.1 {status}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    )
}

fn route(path: &str) -> (&'static str, String) {
    match path {
        "/health" => ("200 OK", "{\"status\":\"ok\"}".to_string()),
        "/" => (
            "200 OK",
            format!("{{\"service\":\"hello-api\",\"arch\":\"{}\"}}", env::consts::ARCH),
        ),
        _ => ("404 Not Found", "{\"error\":\"not found\"}".to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::route;

    #[test]
    fn health_is_ok() {
        assert_eq!(route("/health"), ("200 OK", "{\"status\":\"ok\"}".to_string()));
    }

    #[test]
    fn unknown_path_is_404() {
        assert_eq!(route("/nope").0, "404 Not Found");
    }
}
