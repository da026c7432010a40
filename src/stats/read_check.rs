//! Tallies that pass their own consistency check when deserialised.
//!
//! A tally's fields are sufficient statistics that only `push` and `merge` keep consistent. Read
//! back from a file written elsewhere, they could say anything: more visits within standard than
//! judged, a NaN waiting time. [`checked_on_read!`] declares such a struct once, and with the
//! `serde` feature gives it a `Deserialize` that reads the fields as a plain struct would, then
//! runs the type's `fn check(&self) -> Result<(), E>` and turns its error into the deserialiser's.
//! Any error type that implements `Display` will do, so statistics (`Moments`, `Interval`,
//! `ErlangC`, `CronbachAlpha`), the domain's tallies and its reports (`Share`, `SkmReport`)
//! share the macro; it lives here because `stats` depends on nothing else in the crate. `Serialize` writes the same fields by reference, so the wire
//! format is that of a derive.

/// Declares a struct whose deserialisation runs `Self::check`; see the [module](self) docs.
macro_rules! checked_on_read {
    (
        $(#[$meta:meta])*
        $vis:vis struct $name:ident {
            $( $(#[$field_meta:meta])* $field_vis:vis $field:ident : $ty:ty ),* $(,)?
        }
    ) => {
        $(#[$meta])*
        $vis struct $name {
            $( $(#[$field_meta])* $field_vis $field: $ty ),*
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
                    $( $field: &'a $ty ),*
                }
                $name { $( $field: &self.$field ),* }.serialize(serializer)
            }
        }

        #[cfg(feature = "serde")]
        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(
                deserializer: D,
            ) -> ::core::result::Result<Self, D::Error> {
                #[derive(serde::Deserialize)]
                struct $name {
                    $( $field: $ty ),*
                }
                let $name { $( $field ),* } = $name::deserialize(deserializer)?;
                let value = Self { $( $field ),* };
                value.check().map_err(serde::de::Error::custom)?;
                Ok(value)
            }
        }
    };
}

pub(crate) use checked_on_read;
