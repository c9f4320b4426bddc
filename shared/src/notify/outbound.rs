//! Requests to addresses organisations choose (webhook endpoints, Slack
//! URLs, vendor API roots), guarded against server-side request forgery: an
//! admin must not be able to point our workers at our own network. So only
//! https, no redirects, host names that resolve to public addresses only
//! (checked by the resolver the connection uses, so DNS rebinding cannot
//! slip past a check made earlier), no literal private addresses, and vendor
//! API roots only on the vendor's own domains.
//!
//! `allow_private` lifts all of that for tests and local development, where
//! the receivers are on 127.0.0.1 (`OUTBOUND_ALLOW_PRIVATE`).

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};
use std::sync::{Arc, OnceLock};
use std::time::Duration;

use reqwest::dns::{Addrs, Name, Resolve, Resolving};
use url::{Host, Url};

/// Which hosts a URL may name.
#[derive(Debug, Clone, Copy)]
pub enum Hosts {
    /// Any public host (an organisation's own webhook receiver).
    Any,
    /// These domains and their subdomains (a vendor's API).
    Within(&'static [&'static str]),
}

/// Why a URL may not be sent to; shown as a 422 field error and written to
/// the delivery log, whole (see [`crate::error::chain`]).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum UrlRefusal {
    #[error("not a valid URL")]
    Unparsable(#[source] url::ParseError),
    #[error("must not carry credentials")]
    Credentials,
    #[error("must be an http(s) URL")]
    NotHttp,
    #[error("must be an https URL")]
    NotHttps,
    #[error("must name a host")]
    NoHost,
    #[error("must not be a private address")]
    NotPublic,
    #[error("must be on {}", .0.join(" or "))]
    OutsideDomains(&'static [&'static str]),
}

/// The client every channel sends through, with its policy.
///
/// Built on first send, not at start-up: loading the system's trust roots
/// is a large part of a function's cold start, and most functions never
/// send (clones share the one client).
#[derive(Debug, Clone)]
pub struct Outbound {
    client: Arc<OnceLock<reqwest::Client>>,
    allow_private: bool,
}

impl Outbound {
    pub fn new(allow_private: bool) -> Self {
        Self { client: Arc::default(), allow_private }
    }

    fn client(&self) -> &reqwest::Client {
        self.client.get_or_init(|| Self::build_client(self.allow_private))
    }

    fn build_client(allow_private: bool) -> reqwest::Client {
        let mut builder = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            // A proxy would resolve names itself, past our resolver.
            .no_proxy()
            .connect_timeout(Duration::from_secs(5))
            .user_agent(concat!("Simplicity/", env!("CARGO_PKG_VERSION")));
        if !allow_private {
            builder = builder.dns_resolver(PublicOnly);
        }
        builder.build().unwrap_or_else(|error| {
            tracing::error!(%error, "outbound client could not be built; using reqwest's defaults");
            reqwest::Client::new()
        })
    }

    /// Whether `text` may be sent to: `Err` says why not.
    pub fn check(&self, text: &str, hosts: Hosts) -> Result<Url, UrlRefusal> {
        let url = Url::parse(text.trim()).map_err(UrlRefusal::Unparsable)?;
        if !url.username().is_empty() || url.password().is_some() {
            return Err(UrlRefusal::Credentials);
        }
        if self.allow_private {
            return match url.scheme() {
                "https" | "http" if url.host().is_some() => Ok(url),
                _ => Err(UrlRefusal::NotHttp),
            };
        }
        if url.scheme() != "https" {
            return Err(UrlRefusal::NotHttps);
        }
        match url.host() {
            None => Err(UrlRefusal::NoHost),
            Some(Host::Ipv4(ip)) if !is_public(IpAddr::V4(ip)) => Err(UrlRefusal::NotPublic),
            Some(Host::Ipv6(ip)) if !is_public(IpAddr::V6(ip)) => Err(UrlRefusal::NotPublic),
            Some(host) => match hosts {
                Hosts::Any => Ok(url.clone()),
                Hosts::Within(domains) => {
                    let host = host.to_string();
                    let allowed = domains.iter().any(|d| host == *d || host.ends_with(&format!(".{d}")));
                    if allowed { Ok(url) } else { Err(UrlRefusal::OutsideDomains(domains)) }
                }
            },
        }
    }

    /// A POST to `url` if the policy lets it through.
    pub(super) fn post(&self, url: &str, hosts: Hosts) -> Result<reqwest::RequestBuilder, super::SendError> {
        let url = self
            .check(url, hosts)
            .map_err(|why| super::SendError::Permanent { status_code: None, detail: crate::error::chain(&why) })?;
        Ok(self.client().post(url))
    }
}

/// Resolves names to their public addresses only; a name with none is an
/// error the transport reports as [`PrivateAddress`].
struct PublicOnly;

impl Resolve for PublicOnly {
    fn resolve(&self, name: Name) -> Resolving {
        Box::pin(async move {
            let host = name.as_str().to_owned();
            let found: Vec<SocketAddr> = tokio::net::lookup_host((host.as_str(), 0)).await?.collect();
            let public: Vec<SocketAddr> = found.into_iter().filter(|a| is_public(a.ip())).collect();
            if public.is_empty() {
                return Err(Box::new(PrivateAddress(host)) as Box<dyn std::error::Error + Send + Sync>);
            }
            Ok(Box::new(public.into_iter()) as Addrs)
        })
    }
}

/// A host name that resolves only to addresses we do not send to.
#[derive(Debug, thiserror::Error)]
#[error("{0} resolves only to private addresses")]
pub struct PrivateAddress(pub String);

/// Whether `ip` is on the public internet: not loopback, private,
/// link-local (cloud metadata), shared, reserved, multicast or documentation.
pub fn is_public(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(ip) => is_public_v4(ip),
        IpAddr::V6(ip) => match embedded_v4(ip) {
            Some(v4) => is_public_v4(v4),
            None => is_public_v6(ip),
        },
    }
}

/// The IPv4 address an IPv6 address stands for, where it stands for one:
/// mapped and compatible (`::ffff:a.b.c.d`, `::a.b.c.d`), NAT64
/// (`64:ff9b::a.b.c.d`) and 6to4 (`2002:aabb:ccdd::`).
fn embedded_v4(ip: Ipv6Addr) -> Option<Ipv4Addr> {
    let s = ip.segments();
    let from = |high: u16, low: u16| Ipv4Addr::from((u32::from(high) << 16) | u32::from(low));
    if let Some(v4) = ip.to_ipv4() {
        return Some(v4);
    }
    match s {
        [0x0064, 0xff9b, 0, 0, 0, 0, high, low] => Some(from(high, low)),
        [0x2002, high, low, ..] => Some(from(high, low)),
        _ => None,
    }
}

fn is_public_v4(ip: Ipv4Addr) -> bool {
    let [a, b, ..] = ip.octets();
    !(ip.is_unspecified()
        || ip.is_loopback()
        || ip.is_private()
        || ip.is_link_local()
        || ip.is_broadcast()
        || ip.is_documentation()
        || ip.is_multicast()
        || a == 0
        || (a == 100 && (64..128).contains(&b)) // shared address space (CGNAT)
        || (a == 198 && (18..20).contains(&b)) // benchmarking
        || (a == 192 && b == 0 && ip.octets()[2] == 0) // IETF protocol assignments
        || a >= 240) // reserved
}

fn is_public_v6(ip: Ipv6Addr) -> bool {
    let [first, second, third, fourth, ..] = ip.segments();
    !(ip.is_multicast()
        || (first & 0xfe00) == 0xfc00 // unique local
        || (first & 0xffc0) == 0xfe80 // link-local
        || (first & 0xffc0) == 0xfec0 // site-local (deprecated, still routed inside some networks)
        || (first == 0x2001 && second == 0x0db8) // documentation
        || (first == 0x2001 && second == 0) // Teredo: tunnels to an address we cannot check
        || (first == 0x0100 && second == 0 && third == 0 && fourth == 0) // discard-only
        || first == 0x0064) // NAT64 local-use and other translation prefixes
}

#[cfg(test)]
mod tests {
    use super::*;

    const VENDOR: Hosts = Hosts::Within(&["pagerduty.com"]);

    #[test]
    fn private_and_special_addresses_are_not_public() {
        for ip in [
            "127.0.0.1",
            "10.1.2.3",
            "172.16.0.1",
            "192.168.1.1",
            "169.254.169.254",
            "100.64.0.1",
            "0.0.0.0",
            "255.255.255.255",
            "::1",
            "fd00::1",
            "fe80::1",
            "::ffff:127.0.0.1",
            "::ffff:169.254.169.254",
            "::127.0.0.1",
            "64:ff9b::a00:1",
            "64:ff9b:1::1",
            "2002:7f00:1::",
            "2002:a9fe:a9fe::1",
            "2001:0:4136:e378::1",
            "fec0::1",
            "100::1",
        ] {
            assert!(!is_public(ip.parse().expect("ip")), "{ip} counted as public");
        }
        for ip in ["93.184.215.14", "1.1.1.1", "2606:4700:4700::1111", "64:ff9b::101:101", "2002:101:101::1"] {
            assert!(is_public(ip.parse().expect("ip")), "{ip} counted as private");
        }
    }

    #[test]
    fn strict_policy_wants_https_public_hosts_and_vendor_domains() {
        crate::tls::install_crypto();
        let strict = Outbound::new(false);
        assert!(strict.check("https://hooks.example.com/x", Hosts::Any).is_ok());
        assert_eq!(
            strict.check("http://hooks.example.com/x", Hosts::Any).expect_err("refused").to_string(),
            "must be an https URL"
        );
        // Decimal, octal and hex spellings of loopback parse to the same address.
        for private in [
            "https://127.0.0.1/x",
            "https://[::1]/x",
            "https://169.254.169.254/latest",
            "https://10.0.0.1",
            "https://2130706433/x",
            "https://0177.0.0.1/x",
            "https://0x7f.1/x",
            "https://[::ffff:7f00:1]/x",
        ] {
            assert_eq!(
                strict.check(private, Hosts::Any).expect_err("refused").to_string(),
                "must not be a private address",
                "{private}"
            );
        }
        assert!(strict.check("https://user:pw@hooks.example.com/", Hosts::Any).is_err());
        let unparsable = strict.check("not a url", Hosts::Any).expect_err("refused");
        assert_eq!(crate::error::chain(&unparsable), "not a valid URL: relative URL without a base");
        assert!(strict.check("https://events.pagerduty.com", VENDOR).is_ok());
        assert!(strict.check("https://events.eu.pagerduty.com", VENDOR).is_ok());
        assert_eq!(
            strict.check("https://evilpagerduty.com", VENDOR).expect_err("refused").to_string(),
            "must be on pagerduty.com"
        );
        assert!(strict.check("https://pagerduty.com.evil.example", VENDOR).is_err());
    }

    #[test]
    fn permissive_policy_still_wants_an_http_url() {
        crate::tls::install_crypto();
        let open = Outbound::new(true);
        assert!(open.check("http://127.0.0.1:9/x", VENDOR).is_ok());
        assert!(open.check("ftp://127.0.0.1/x", Hosts::Any).is_err());
        assert!(open.check("mailto:a@example.com", Hosts::Any).is_err());
    }
}
