//! The serialised form of tallies: versioned, and checked when read back.
//!
//! A tally's fields are sufficient statistics that only pushing and merging keep consistent.
//! Read back from a file written elsewhere, they could say anything: more visits on time than
//! judged, a NaN, standards another build wrote differently. [`versioned!`] declares a tally
//! struct once and, with the `serde` feature, gives it a `Serialize` that writes a format
//! `version` before the fields, and a `Deserialize` that refuses any other version, reads the
//! fields as a derive would, then runs the type's `fn validate(&self) -> Result<()>`, turning
//! its error into the deserialiser's.

/// Declares a tally struct with a versioned, validated serialised form; see the
/// [module](self) docs.
macro_rules! versioned {
    (
        $(#[$meta:meta])*
        $vis:vis struct $name:ident (format $version:expr) {
            $( $(#[$field_meta:meta])* $field:ident : $ty:ty ),* $(,)?
        }
    ) => {
        $(#[$meta])*
        $vis struct $name {
            $( $(#[$field_meta])* $field: $ty ),*
        }

        #[cfg(feature = "serde")]
        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(
                &self,
                serializer: S,
            ) -> ::core::result::Result<S::Ok, S::Error> {
                // Same name as the outer type, so self-describing formats name it as a derive
                // would; `Self` still means the outer type.
                #[derive(serde::Serialize)]
                struct $name<'a> {
                    version: u32,
                    $( $field: &'a $ty ),*
                }
                $name { version: $version, $( $field: &self.$field ),* }.serialize(serializer)
            }
        }

        #[cfg(feature = "serde")]
        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(
                deserializer: D,
            ) -> ::core::result::Result<Self, D::Error> {
                #[derive(serde::Deserialize)]
                struct $name {
                    version: u32,
                    $( $field: $ty ),*
                }
                let $name { version, $( $field ),* } = $name::deserialize(deserializer)?;
                if version != $version {
                    return Err(serde::de::Error::custom(crate::Error::Inconsistent {
                        what: stringify!($name).into(),
                        reason: format!(
                            "format version {version} (this build reads {})",
                            $version
                        ),
                    }));
                }
                let value = Self { $( $field ),* };
                value.validate().map_err(serde::de::Error::custom)?;
                Ok(value)
            }
        }
    };
}

pub(crate) use versioned;
